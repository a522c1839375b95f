// The floating button's icon, as data: a shield with a tick (privacy
// settings, not "cookies please"). Drawn by the UI chunk's preact component
// and by the button chunk's few lines of DOM alike.
export const SHIELD = {
  svg: { width: '24', height: '24', viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' },
  paths: ['M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z', 'M9 12l2 2 4-4'],
};
