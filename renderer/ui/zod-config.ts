import { z } from 'zod';

// zod 4 probes `new Function('')` to decide whether it may compile fast validators. The windows'
// Content-Security-Policy forbids eval, so the probe can only fail and leave a CSP violation
// report; tell zod up front not to try. Import this first in every window's entry.
z.config({ jitless: true });
