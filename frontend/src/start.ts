/** index.html's first module script: the page's first reads, sent before the app has arrived (startReads.ts). */
import { startReads } from './startReads';

startReads(location);
