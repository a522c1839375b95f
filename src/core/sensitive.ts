// The kinds of sensitive personal information a category may declare
// (`categories.<id>.sensitive`), each by a stable id. One id per bit of the
// IAB GPP usnat section's SensitiveDataProcessing field (16 bits, 1-based),
// with the usca section's bit (9 bits; 0 where California's list has none).
// The README lists them; the GPP sections and the Notice at Collection read
// this table, the core only the ids.
//
// Checked against IAB's Global-Privacy-Platform specifications:
// - usnat (section 7) version 2 (August 2024, "MSPA US National"):
//   SensitiveDataProcessing is N-Bitfield(2,16), items 1-12 as in version 1
//   (December 2022, 12 items), then 13 consumer health data, 14 status as a
//   victim of crime, 15 national origin, 16 status as transgender or
//   nonbinary. The ids follow that order.
// - usca (section 8) version 1 (December 2022): N-Bitfield(2,9): 1 SSN,
//   licence, state ID or passport; 2 account log-in or card number with its
//   credentials; 3 precise geolocation; 4 racial or ethnic origin, religious
//   or philosophical beliefs, or union membership (one bit for the three);
//   5 contents of mail, email and texts; 6 genetic data; 7 biometric data;
//   8 health; 9 sex life or sexual orientation. Citizenship or immigration
//   status, crime victim status, national origin and transgender status
//   have no usca bit (0). Consumer health data is information concerning a
//   consumer's health, which California's bit 8 covers.

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
