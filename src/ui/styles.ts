// The stylesheet: the three themes, then the structure. Bundled as text
// (see the `?raw` plugin in rollup.config.mjs).
import light from '../../themes/light.css?raw';
import dark from '../../themes/dark.css?raw';
import highContrast from '../../themes/high-contrast.css?raw';
import structure from './ui.css?raw';

export const css = light + dark + highContrast + structure;
