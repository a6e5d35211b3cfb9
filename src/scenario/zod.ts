// The scenario schemas use zod/mini: the same validation and messages as zod's classic API, but
// its functions are imported one by one, so the page does not ship zod's whole method surface
// and JSON Schema generator (scripts/write-schemas.ts uses that, in Node).
import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini has no messages of its own: English, as the classic API sets it.
z.config(en());

export { z };
