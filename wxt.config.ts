import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Firefox tests pin the moz-extension UUID through this fixed add-on id.
const GECKO_ID = 'scarcheck@scarcheck.example';

export default defineConfig({
  manifest: ({ browser }) => ({
    name: 'ScarCheck',
    description: 'Marks claims about scar treatments as you read and explains what the evidence says. Runs locally.',
    action: { default_title: 'ScarCheck' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: GECKO_ID, strict_min_version: '140.0' } } }
      : {}),
  }),
  vite: () => ({ plugins: [preact()] }),
});
