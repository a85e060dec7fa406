// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// A 32x32 High 4:4:4 Predictive stream (annex B, full-range VUI): a lossy keyframe, then a
// lossless P-frame of the picture trialSample() gives. Decoded once at start-up to learn
// whether this browser decodes lossless frames exactly (capability.js). Written by
// build/tests/h264quality/make-lossless-trial (h264qualityenc's LosslessStream);
// tests/h264quality checks that it decodes to trialSample().
export const TRIAL_LOSSLESS_FRAMES_BASE64 = [
  'AAAAAWf0AAqR1olpuDAwMgAAAwACAAADAPEeJE1AAAAAAWjOPIAAAAABBgX//1XcRem95tlIt5Ys2CDZI+7veDI2NCAtIGNvcmUgMTY0IHIzMDk1IGJhZWU0MDAgLSBILjI2NC9NUEVHLTQgQVZDIGNvZGVjIC0gQ29weWxlZnQgMjAwMy0yMDIyIC0gaHR0cDovL3d3dy52aWRlb2xhbi5vcmcveDI2NC5odG1sIC0gb3B0aW9uczogY2FiYWM9MCByZWY9MSBkZWJsb2NrPTA6MDowIGFuYWx5c2U9MDowIG1lPWRpYSBzdWJtZT0wIHBzeT0wIG1peGVkX3JlZj0wIG1lX3JhbmdlPTE2IGNocm9tYV9tZT0xIHRyZWxsaXM9MCA4eDhkY3Q9MCBjcW09MCBkZWFkem9uZT0yMSwxMSBmYXN0X3Bza2lwPTEgY2hyb21hX3FwX29mZnNldD0wIHRocmVhZHM9MSBsb29rYWhlYWRfdGhyZWFkcz0xIHNsaWNlZF90aHJlYWRzPTAgbnI9MCBkZWNpbWF0ZT0xIGludGVybGFjZWQ9MCBibHVyYXlfY29tcGF0PTAgc3RpdGNoYWJsZT0xIGNvbnN0cmFpbmVkX2ludHJhPTAgYmZyYW1lcz0wIHdlaWdodHA9MCBrZXlpbnQ9aW5maW5pdGUga2V5aW50X21pbj0xIHNjZW5lY3V0PTAgaW50cmFfcmVmcmVzaD0wIHJjPWNyZiBtYnRyZWU9MCBjcmY9MjUuMCBxY29tcD0wLjYwIHFwbWluPTEgcXBtYXg9NTEgcXBzdGVwPTQgaXBfcmF0aW89MS40MCBhcT0xOjAuMDAAgAAAAAFliIQQghAATYAMP03JZXxK78GoDoAEzGRLM6B72CiqA6cbEVJO5Uy4DE0B0ACdiKkncqZYBiaA6S0X5kMNz13SqA6S0X5kMJj13QAjNk4bEDpyuJoDoFEe5kOPj13SaA6ALMRFs7lXpgMTQHT/////wh0CoAR85NK3dhF4mgOgAQmjUNiBkbHBRHuZDj89d0mgOkpHuZDj49d0mgOgL0Apz07sDerzKA6AvQCnPTugN6vMoDoAuxlWTOgSsoomgOgCtjKsmdA1ZBRNAdOUkShNEIkcwAgW3LAAEAxnPeEwIej8iRdiEgd+O/B3478d+O/Hfjvwd+O/B3478d+O/ADn2qE/dA+jEn/U8xMJbmMRu0AAk2kk2ALbDAoCYjzvEed53ned53iPO8R53ned53gBDRGTE5wyN80IfBoCCaRlFT+aUxRXiYiLZ3KqpAITQHQwAgS2LAIyZtCaKVY5gAQJblgGZM2hMpVjv+JoDpxMZEuz4LuwUygOnCYyJdnQPewUVQHSiQDvPTMgN6vE0B0okA7z0zIDerzKA6AYkiUJkIkd/3/////hDjYAYLmklbKdQ/84mgOgATMZEszoFvYIJoDpxsRUm7lTLAITQHQBWxFSTuVMsAhNAdOU0aQ2IERsYygOktF+ZDDY9d3nNk4bECpyOJoDoFEe5kOPj13SaA6AKmIi2dyr0gEJoDoAAgIRjGCptcnxponUPgAoDcTKvntEe92BUGwu1fOYI97sW/LfiPy3478d+Dvx34O/Hfjvx3478d+AAsAQFLMXAgmOLoeT2gR53iPO875BYCmEb6w965gAhsiJjfoRHUV4jzvEed7AQv8Q8PHzw94OQ0wvtetvq898',
  'AAAAAUGaIBqvFQAHgtO34r5Tq2/vAYP2FbVXjGdKYwqUKHItp2feFBmwa90+WTVojgCSsgRGV68j0//uIYl2eJQlTc4a5/+8JEGpHIiYQhUxyABMXBL1zYt1/YBdoSKePyitzmxHKcoeb4shiP9wTBNRpWJM+td//72RVFRife2Vzt8IGR+HojeItKMrCtOxnOPn2fvvLCGMi2lOxd+v7RGE4yrtsbG3f3/////4ryTQeJhSYmWv/3EA0bUDqSVrP7v94BYpIwvKbucut8SEyMlZbLluhFFI+BN+f9mUP/WBGTEhRY2Urf6YAJXVyGc5T4+/r3LA2f8U9LghtdK0GEU6+EQ9yqND5R7mm394ABBjpTtoT2l9XMwCSm7BFVNbb//HIWRlC0vioSIQ//cAsbCVFX9bOp3hActJKRdezx+asOeCG3K/iSPqZhugAeWT6z5b3e20UTXZx7HuA0sn1ny3u9toomuzj2PdgpNecO93taKTW84d5d9gpNecO93taKTW84d5d8BpZPrPlvd7bRRNdnHse4DSyfWfLe722iia7OPY92Ck15w73e1opNbzh3l33gTlAjw+VtQyhCkJcAqOvtdftvoVkABZGJjTRMlS//3RBNCTTfX36A5LJ7xq6v//LimjZ7w65XYQka2RZ179bElk941dX//l1OGr9eflOXaeMrlV1F1bV2BCEjTZZ15+lpEsvuGrr++Aw42eeD5TlW2bq/fi6tq7aqae2HXK/+tTjZ54PlOVeew6VyqVR/a9ugAIAEBlJwrHSlElMX94r4AxaL5RMvghUQQZp4Nyo3Cp1KX/33ABCv7iL4npQyKcAGaRvJjDeQYn/1gCxMZIoly09/XYAGZAVBLM7jle7/cFVdopSlUr/uB0KtySyUaxTSc//uBMqcSr+8+9b+8Bh56U5TjIRqFzgQnYqkrjZ9L/TgHRMqG0pBCWNpYSZzG1PM5++24EBaK/y0uxWsTH3AJK2CIqErqfT//cEKm+WuskVtDLn/9/////+K8Sxntpw9rjV/tAAGFbZXM1RRTsd+/aCmoyIvfmZn37pPhX5Sk5xjhH/aRaAp15Upb7+4GF/vJz4lTJYM3ACMbIYN13VREf7wgdrBcrzrukOcstwkKEJ6VWte7nhZzsLw6EtoR//3AAaMch8MRSGrOT/uBS0qFccnZpr/uIwDEsuiNpn27vrARqQJXWi5Sf75sAABABDtX0IzEqpT3v8CMmJCixspW/0AF8InYVRDndc3wiEoq2+y+3aR//cK0dvOH1L/sLR22N+pW+2BaNUm+9V//nYFolST5ar//OwLRqk33qv/87AtEqSfLVf/53CtHbzh9S/7C0dtjfqVvtwrR284fUv+wtHbY36lb7YFo1Sb71X/+dgWiVJPlqv/87AtGqTfeq//zsC0SpJ8tV//nAbEsv4aur/87BCRpplnWvyAxTT3h1yr/qyFmtkfrz91tTjZs8HynKuAlhiXoQCLxtz/3AACOO8nCX1PWjme0IzY00TJ9f/6BKEjWWRZ1/feERoSaaJ9fQNiWX8NXV/+diJGmmWda/LUITop7pj1pn32pWT3h1XX/WgeQxK4auxc3fcCMTGyZkapZ//Q==',
];

export const TRIAL_LOSSLESS_SIZE = 32;

/**
 * The picture's sample (full-range YCbCr 4:4:4); the left half is grey (Cb = Cr = 128).
 * tests/h264quality/lossless_trial_picture.h has the same formula.
 * @param {number} plane  0 Y, 1 Cb, 2 Cr
 * @param {number} x
 * @param {number} y
 */
export function trialSample(plane, x, y) {
  if (plane === 0) return (x * 37 + y * 11 + ((x * y) % 7)) & 255;
  if (x < TRIAL_LOSSLESS_SIZE / 2) return 128;
  return plane === 1 ? (x * 5 + y * 9) & 255 : (255 - x * 7 - y * 3) & 255;
}
