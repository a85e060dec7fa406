// SPDX-License-Identifier: LGPL-2.1-or-later
// Sound both ways through the real `webdesk` program, in headless Debian Chromium
// (playwright-core):
// - an application inside `webdesk -- APP` plays a 440 Hz tone (gst-launch-1.0 audiotestsrc !
//   pulsesink, into the session's sound server); the page (autoplay allowed by a flag) decodes
//   it with AudioDecoder, plays it through its AudioWorklet, and the analyser on what it plays
//   peaks at 440 Hz. Before the tone starts and after it stops, no audio bytes arrive;
// - Chromium's fake microphone (it beeps at 400 Hz) goes from the controlling page's
//   microphone button to the session's default input, where `parec` records it, and the
//   recording peaks at the beep's frequency.
// - a browser without AudioDecoder shows no sound button, is sent no sound, and shows the
//   picture.
// (Headless Chromium starts an AudioContext without a gesture even with
// --autoplay-policy=user-gesture-required, so the first-gesture start is not tested here.)
// What is asserted is what a user notices: the pitch heard, the pitch recorded, bytes on the
// wire. Waits are event-driven; the two silent spells are observed for a fixed time (absence
// has no event). Skips (and says so) only when Chromium or the sound server is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  CHROMIUM, CHROMIUM_FLAGS, privateDir, startWebdesk, stopWebdesk, until,
} from './webdesk-program.mjs';

const FLAGS = [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required',
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const SILENT_SPELL_MS = 3000;
// Chromium's fake capture device beeps at this pitch (media/audio/fake_audio_input_stream.cc).
const BEEP_HZ = 400;
const skip = !existsSync(CHROMIUM) ? `${CHROMIUM} is not installed`
  : !existsSync('/usr/bin/pulseaudio') ? 'pulseaudio is not installed'
    : !existsSync('/usr/bin/parec') ? 'parec (pulseaudio-utils) is not installed' : false;

/** The strongest pitch (Hz) of mono 16-bit samples, from 100 Hz to 2 kHz in 2 Hz steps. */
function strongestPitch(samples, rate) {
  let best = 0;
  let bestPower = -1;
  for (let f = 100; f <= 2000; f += 2) {
    // Goertzel: the power of one frequency.
    const k = 2 * Math.cos((2 * Math.PI * f) / rate);
    let s1 = 0;
    let s2 = 0;
    for (const x of samples) {
      const s0 = x + k * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = s1 * s1 + s2 * s2 - k * s1 * s2;
    if (power > bestPower) {
      bestPower = power;
      best = f;
    }
  }
  return best;
}

/** The loudest 100 ms of a raw s16le mono recording, as numbers. */
function loudestWindow(raw, rate) {
  const samples = new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 2));
  const size = rate / 10;
  let best = 0;
  let bestEnergy = -1;
  for (let start = 0; start + size <= samples.length; start += size / 2) {
    let energy = 0;
    for (let i = start; i < start + size; i++) energy += samples[i] * samples[i];
    if (energy > bestEnergy) {
      bestEnergy = energy;
      best = start;
    }
  }
  return { samples: Array.from(samples.subarray(best, best + size)), rms: Math.sqrt(bestEnergy / size) };
}

/** The page's analyser: the strongest frequency of what it plays now (Hz), and its level. */
async function playedPitch(page) {
  return page.evaluate(() => {
    const analyser = window.webdesk.audioPlayer.analyser;
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i] > bins[best]) best = i;
    return { hz: (best * analyser.context.sampleRate) / analyser.fftSize, db: bins[best] };
  });
}

let context;
let userDataDir;
before(async () => {
  if (skip) return;
  userDataDir = privateDir('chromium');
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: FLAGS,
  });
});

after(async () => {
  if (context) await context.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test('an application\'s 440 Hz tone plays in the page, and silence sends no bytes', { skip }, async () => {
  // The tone plays while the file `tone` exists (the test makes and removes it).
  const app = ['--', 'sh', '-c', 'while :; do while [ ! -e tone ]; do sleep 0.1; done; ' +
    'gst-launch-1.0 -q audiotestsrc freq=440 volume=0.3 ! pulsesink & p=$!; ' +
    'while [ -e tone ]; do sleep 0.1; done; kill $p; wait $p; done'];
  const server = await startWebdesk(app, 'tone');
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    // The desktop has sound and the page plays it (autoplay is allowed by the flag).
    await page.waitForFunction(() => window.webdesk && window.webdesk.audio.playing, null,
      { timeout: 30000 });
    assert.equal(await page.isVisible('#sound'), true, 'the sound button shows');
    assert.equal(await page.textContent('#sound'), 'sound on', 'in words (no emoji font needed)');

    // Nothing plays yet: no bytes.
    await new Promise((r) => setTimeout(r, SILENT_SPELL_MS));
    const before = await page.evaluate(() => window.webdesk.audio.bytes);
    assert.equal(before, 0, 'no audio bytes while nothing plays');

    writeFileSync(path.join(server.dir, 'tone'), '');
    await page.waitForFunction(() => window.webdesk.audio.decoded > 50, null, { timeout: 30000 });
    const heard = await until(async () => {
      const p = await playedPitch(page);
      return p.db > -60 && Math.abs(p.hz - 440) < 12 ? p : null;
    }, 'the played sound to peak at 440 Hz', 20000);
    const audio = await page.evaluate(() => ({ ...window.webdesk.audio }));
    console.log(`# heard ${heard.hz.toFixed(1)} Hz at ${heard.db.toFixed(1)} dB; ${audio.packets} packets, ` +
      `${audio.bytes} bytes; latency ${audio.latencyMs.toFixed(1)} ms, buffered ${audio.bufferedMs.toFixed(1)} ms`);

    // The tone stops: once the last packets are in, no more bytes.
    rmSync(path.join(server.dir, 'tone'));
    await page.waitForFunction(() => {
      const w = /** @type {any} */ (window);
      const now = performance.now();
      if (w.lastBytes !== w.webdesk.audio.bytes) {
        w.lastBytes = w.webdesk.audio.bytes;
        w.bytesSince = now;
      }
      return now - w.bytesSince >= 1000;
    }, null, { timeout: 20000, polling: 100 });
    const stopped = await page.evaluate(() => window.webdesk.audio.bytes);
    await new Promise((r) => setTimeout(r, SILENT_SPELL_MS));
    assert.equal(await page.evaluate(() => window.webdesk.audio.bytes), stopped,
      'no audio bytes once the application is silent');
  } finally {
    await page.close();
    await stopWebdesk(server);
  }
});

test('the controlling page\'s microphone reaches a recorder in the session', { skip }, async () => {
  const server = await startWebdesk(['--', 'sh', '-c',
    'parec --raw --format=s16le --rate=48000 --channels=1 --latency-msec=20 > mic.raw'], 'mic');
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.webdesk && window.webdesk.role === 'control' &&
      !(/** @type {HTMLElement} */ (document.getElementById('microphone'))).hidden, null, { timeout: 30000 });
    await page.click('#microphone');
    await page.waitForFunction(() => window.webdesk.microphone.packets > 200, null, { timeout: 30000 });
    const recording = path.join(server.dir, 'mic.raw');
    // Two seconds recorded since the microphone started: a few beeps (loud: RMS ~6700 here),
    // louder than whatever the start of a stream makes (a thump of RMS ~600 once).
    const raw = await until(() => {
      const data = existsSync(recording) && readFileSync(recording);
      return data && data.length >= 2 * 96000 && loudestWindow(data, 48000).rms > 2000 ? data : null;
    }, 'the beep in the recording', 20000);
    const { samples, rms } = loudestWindow(raw, 48000);
    const pitch = strongestPitch(samples, 48000);
    console.log(`# recorded ${raw.length / 96000} s; loudest 100 ms: RMS ${rms.toFixed(0)}, pitch ${pitch} Hz`);
    assert.ok(Math.abs(pitch - BEEP_HZ) <= 10, `the recording peaks at ${pitch} Hz, the beep is ${BEEP_HZ} Hz`);
  } finally {
    await page.close();
    await stopWebdesk(server);
  }
});

test('a browser without AudioDecoder keeps the picture and is sent no sound', { skip }, async () => {
  const server = await startWebdesk(['--', 'sh', '-c',
    'gst-launch-1.0 -q audiotestsrc freq=440 ! pulsesink & exec weston-simple-shm'], 'no-decoder');
  const page = await context.newPage();
  try {
    await page.addInitScript(() => { delete (/** @type {any} */ (window)).AudioDecoder; });
    await page.goto(server.url);
    await page.waitForFunction(() => window.webdesk && window.webdesk.framesDrawn > 30, null,
      { timeout: 30000 });
    await new Promise((r) => setTimeout(r, SILENT_SPELL_MS));
    const audio = await page.evaluate(() => ({ ...window.webdesk.audio }));
    assert.equal(audio.available, false);
    assert.equal(audio.bytes, 0, 'the tone plays, but this page never asked for it');
    assert.equal(await page.isVisible('#sound'), false, 'no sound button');
    assert.ok(await page.evaluate(() => window.webdesk.framesDrawn > 30));
  } finally {
    await page.close();
    await stopWebdesk(server);
  }
});
