/**
 * The one place that names the extension API: webextension-polyfill gives every context the
 * promise-based `browser` namespace on Chromium as on Firefox.
 */
import browser from 'webextension-polyfill';

export { browser };
