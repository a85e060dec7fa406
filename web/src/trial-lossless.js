// SPDX-License-Identifier: LGPL-2.1-or-later
// @ts-check
// A 32x32 High 4:4:4 Predictive stream (annex B, full-range VUI): a lossy keyframe, then a
// lossless P-frame of the picture trialSample() gives. Decoded once at start-up to learn
// whether this browser decodes lossless frames exactly (capability.js). Written by
// build/tests/h264quality/make-lossless-trial (h264qualityenc's StitchedStream);
// tests/h264quality checks that it decodes to trialSample().
export const TRIAL_LOSSLESS_FRAMES_BASE64 = [
  'AAAAAWf0AAqR1olpuDAwMgAAAwACAAADAPEeJE1AAAAAAWjOPGEAQwYAQUIAhgwAgsAAAAABBgX//1XcRem95tlIt5Ys2CDZI+7veDI2NCAtIGNvcmUgMTY0IHIzMDk1IGJhZWU0MDAgLSBILjI2NC9NUEVHLTQgQVZDIGNvZGVjIC0gQ29weWxlZnQgMjAwMy0yMDIyIC0gaHR0cDovL3d3dy52aWRlb2xhbi5vcmcveDI2NC5odG1sIC0gb3B0aW9uczogY2FiYWM9MCByZWY9MSBkZWJsb2NrPTA6MDowIGFuYWx5c2U9MDowIG1lPWRpYSBzdWJtZT0wIHBzeT0wIG1peGVkX3JlZj0wIG1lX3JhbmdlPTE2IGNocm9tYV9tZT0xIHRyZWxsaXM9MCA4eDhkY3Q9MCBjcW09MiBkZWFkem9uZT0yMSwxMSBmYXN0X3Bza2lwPTEgY2hyb21hX3FwX29mZnNldD0wIHRocmVhZHM9MSBsb29rYWhlYWRfdGhyZWFkcz0xIHNsaWNlZF90aHJlYWRzPTAgbnI9MCBkZWNpbWF0ZT0xIGludGVybGFjZWQ9MCBibHVyYXlfY29tcGF0PTAgc3RpdGNoYWJsZT0xIGNvbnN0cmFpbmVkX2ludHJhPTAgYmZyYW1lcz0wIHdlaWdodHA9MCBrZXlpbnQ9aW5maW5pdGUga2V5aW50X21pbj0xIHNjZW5lY3V0PTAgaW50cmFfcmVmcmVzaD0wIHJjPWNyZiBtYnRyZWU9MCBjcmY9MjUuMCBxY29tcD0wLjYwIHFwbWluPTEgcXBtYXg9NTEgcXBzdGVwPTQgaXBfcmF0aW89MS40MCBhcT0xOjAuMDAAgAAAAAFliIQQghAATYAMP03JZXxK78GoDoAEzGRLM6B72CiqA6cbEVJO5Uy4DE0B0ACdiKkncqZYBiaA6S0X5kMNz13SqA6S0X5kMJj13QAjNk4bEDpyuJoDoFEe5kOPj13SaA6ALMRFs7lXpgMTQHT/////wh0CoAR85NK3dhF4mgOgAQmjUNiBkbHBRHuZDj89d0mgOkpHuZDj49d0mgOgL0Apz07sDerzKA6AvQCnPTugN6vMoDoAuxlWTOgSsoomgOgCtjKsmdA1ZBRNAdOUkShNEIkcwAgW3LAAPNmdx3d73tCH/6822222222222222ABfrRe0HxkP+r5RYkRN2gAIerwpIwIBKqqqqqqqqqoAGK7TMJPzhD4NAQTSMoqfzSmKK8TERbO5VVIBCaA6GAECWxYBGTNoTRSrHMACBLcsAzJm0JlKsd/xNAdOJjIl2fBd2CmUB04TGRLs6B72CiqA6USAd56ZkBvV4mgOlEgHeemZAb1eZQHQDEkShMhEjv+/////8IcbADBc0krZTqH/nE0B0ACZjIlmdAt7BBNAdONiKk3cqZYBCaA6AK2IqSdyplgEJoDpymjSGxAiNjGUB0lovzIYbHru85snDYgVORxNAdAoj3Mhx8eu6TQHQBUxEWzuVekAhNAdAAERERAVEycYwmw8AFGyrQ1E73YFWj7QkE73br6wb62222222222wAWI5TKYKMW2dk+8qqqzYZEXqHeuYADHVt6JPBVVVYj+Zw4+eOQk6NmNV9XuYA==',
  'AAAAAUGaIBqvFQAHgtO34r5Tq2/vAYP2FbVXjGdKYwqUKHItp2feFBmwa90+WTVojgCSsgRGV68j0//uIYl2eJQlTc4a5/+8JEGpHIiYQhUxyABMXBL1zYt1/YBdoSKePyitzmxHKcoeb4shiP9wTBNRpWJM+td//72RVFRife2Vzt8IGR+HojeItKMrCtOxnOPn2fvvLCGMi2lOxd+v7RGE4yrtsbG3f3/////4ryTQeJhSYmWv/3EA0bUDqSVrP7v94BYpIwvKbucut8SEyMlZbLluhFFI+BN+f9mUP/WBGTEhRY2Urf6YAJXVyGc5T4+/r3LA2f8U9LghtdK0GEU6+EQ9yqND5R7mm394ABBjpTtoT2l9XMwCSm7BFVNbb//HIWRlC0vioSIQ//cAsbCVFX9bOp3hActJKRdezx+asOeCG3K/iSPqZhugAOLMpQ75j1iVUW7wFmNVHXGX5pLT+BZlKHfMesSqi3eAsxqo64y/NJafwAmMNEr/EWS1Jf/uABGGKyPtDKanX//cAJjDRK/xFktSX/7gARhisj7Qymp1//3ACYwSJX/IklaS//eACMMZkfamVDf1/ACYwSJX/IklaS//eACMMZkfamVDf1/AAIYoRik/IWpmcd/2gACDHDOYkkprFYX/ftFMwAG3ODuslIn9+4hkjlAOarZPCSCEAB2CQq8wxEZyr/3Hwsd1II6axH/wEmtw604hV7Ge/3A38oVq65G/Nf/7hsoDK7GEm4rtoa3DrTiFXsZ7/cBlXh3tjO9NzHaAzvVBSX1iV7f+/AlsoGVWMJcZ2/2hrcKv8QqdrPf4CQyrwr1xnam47/2gM71Q5Laz17P+/8G/lHamuRfzFaBlXhXrjO1Nx3/vAMVN+aW+YpLfufAAIfBC+mktS9PEPEvFfAGLRfKJl8EKiCDNPBuVG4VOpS/++4AIV/cRfE9KGRTgAzSN5MYbyDE/+sAWJjJFEuWnv67AAzICoJZnccr3f7gqrtFKUqlf9wOhVuSWSjWKaTn/9wJlTiVf3n3rf3gMPPSnKcZCNQucCE7FUlcbPpf6cA6JlQ2lIISxtLCTOY2p5nP323AgLRX+Wl2K1iY+4BJWwRFQldT6f/7ghU3y11kitoZc//v/////xXiWM9tOHtcav9oAAwrbK5mqKKdjv37QU1GRF78zM+/dJ8K/KUnOMcI/7SLQFOvKlLff3Awv95OfEqZLBm4ARjZDBuu6qIj/eEDtYLledd0hzlluEhQhPSq1r3c8LOdheHQltCP/+4ADRjkPhiKQ1Zyf9wKWlQrjk7NNf9xGAYll0RtM+3d9YCNSBK60XKT/fNgAAIAIdq+hGYlVKe9/gRkxIUWNlK3+ngBEgAwIyUGmVkNnVUUHCTAGpFADgW6gRfur//cASEGtqc6bLas32gBEEKpOoVD0+T99wBIQS2prp0t6zfcAEQQik7yol6/J+4AkIJbU106W9ZvuACIIRSd5US9fk/cASEGtqc6bLas32gBEEKpOoVD0+T99wBIQa2pzpstqzfaAEQQqk6hUPT5P33AEhBLamunS3rN9wARBCKTvKiXr8n7gCQgltTXTpb1m+4AIghFJ3lRL1+T8BIM71Q5Laz17P+/8AxU35pb5ikt+5AkN1oV66xGpuO/9wDK94clsV3r2f//4ABg5ryQl9veaqsp/74GBHacZoU0oxdXVJ+EV0D6N8ldRWVYu6kCZeIQVkcpj8BJrcKv8QqdrPf7wb+Udqa5F/MUBLyQMqkMNcZ2/3B+6Cr/kMnaz/+4gCIMcOr1xT96R1/+9IQirmCCjupDHeCCcqNSYFYUjAyw3oGVeFeuM7U3Hf+g=',
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
