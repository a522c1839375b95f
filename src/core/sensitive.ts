// The kinds of sensitive personal information a category may declare
// (`categories.<id>.sensitive`), each by a stable id. One id per bit of the
// IAB GPP usnat section's SensitiveDataProcessing field (16 bits, 1-based),
// with the usca section's bit (9 bits; 0 where California's list has none).
// The README lists them; the GPP sections and the Notice at Collection read
// this table, the core only the ids.

/** id → [usnat bit, usca bit or 0]. */
export const SENSITIVE: Record<string, readonly [number, number]> = {
  'racial-or-ethnic-origin': [1, 4],
  'religious-or-philosophical-beliefs': [2, 4],
  health: [3, 8],
  'sex-life-or-sexual-orientation': [4, 9],
  'citizenship-or-immigration-status': [5, 0],
  'genetic-data': [6, 6],
  'biometric-data': [7, 7],
  'precise-geolocation': [8, 3],
  'government-id': [9, 1],
  'financial-account': [10, 2],
  'union-membership': [11, 4],
  'communications-content': [12, 5],
  'consumer-health-data': [13, 8],
  'crime-victim-status': [14, 0],
  'national-origin': [15, 0],
  'transgender-or-non-binary-status': [16, 0],
};

export const SENSITIVE_IDS = Object.keys(SENSITIVE);
