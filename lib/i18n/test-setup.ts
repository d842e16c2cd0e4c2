// Unit tests run outside an extension: give t() the English messages.
import fs from 'node:fs';
import path from 'node:path';
import { setFallbackMessages, type MessageEntry } from './index';

const file = path.resolve(import.meta.dirname, '../../public/_locales/en/messages.json');
setFallbackMessages(JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, MessageEntry>);
