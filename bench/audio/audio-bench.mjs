// SPDX-License-Identifier: LGPL-2.1-or-later
// The sound's cost and delay, through the real `webdesk` program and headless Chromium, one
// kind of content after another in the same run (run by hand, not by meson test):
//
//   node bench/audio/audio-bench.mjs [BUILD_DIR] [--seconds N]
//
// For each content an application inside `webdesk -- APP` plays it into the session's sound
// server; a page (autoplay allowed by a flag) plays the desktop's sound. Over N seconds
// (default 10, after 2 s to settle) it reports the audio bytes per second that reached the page
// (headers included; WebSocket framing adds 2-4 bytes a message), the packets per second, the
// latency from the capture of a sample on the server (when the session's output plays it) to
// the moment the page's AudioContext puts it out (p50 / p95 of the page's measurement), the
// jitter buffer's underruns, and the CPU time of webdesk and of its sound server per second.
// Prints a Markdown table (docs/benchmarks.md, "Sound").
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../tests/browser/package.json'));
const { chromium } = require('playwright-core');

const args = process.argv.slice(2);
const secondsAt = args.indexOf('--seconds');
const SECONDS = secondsAt >= 0 ? Number(args[secondsAt + 1]) : 10;
const build = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seconds') || 'build');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--autoplay-policy=no-user-gesture-required'];
const RATE = 48000;

// --- music-like content: a loop of melody, bass and drums, synthesised (deterministic) ---

function musicWav(file) {
  const seconds = 8;
  const n = RATE * seconds;
  const left = new Float64Array(n);
  const right = new Float64Array(n);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x3fffffff - 1;
  };
  const hz = (semitone) => 220 * 2 ** (semitone / 12);
  const add = (start, dur, fn, pan) => {
    const a = Math.floor(start * RATE);
    const b = Math.min(n, Math.floor((start + dur) * RATE));
    for (let i = a; i < b; i++) {
      const t = (i - a) / RATE;
      const v = fn(t, dur);
      left[i] += v * (1 - pan);
      right[i] += v * pan;
    }
  };
  const envelope = (t, dur) => Math.min(1, t / 0.01) * Math.exp(-t * 3) * Math.min(1, (dur - t) / 0.03);
  const melody = [0, 3, 5, 7, 10, 7, 5, 3, 12, 10, 7, 5, 3, 5, 7, 0];
  const bass = [-12, -12, -7, -5];
  for (let beat = 0; beat < seconds * 2; beat++) {
    const t0 = beat * 0.5;
    for (let half = 0; half < 2; half++) {
      const f = hz(melody[(beat * 2 + half) % melody.length]);
      add(t0 + half * 0.25, 0.25, (t, d) => {
        let s = 0;
        for (let k = 1; k <= 6; k++) s += Math.sin(2 * Math.PI * f * k * t * (1 + 0.003 * Math.sin(30 * t))) / k;
        return 0.18 * s * envelope(t, d);
      }, 0.35);
    }
    const fb = hz(bass[Math.floor(beat / 2) % bass.length]) / 2;
    add(t0, 0.5, (t, d) => 0.25 * (Math.sin(2 * Math.PI * fb * t) + 0.3 * Math.sin(4 * Math.PI * fb * t)) *
      envelope(t, d), 0.5);
    add(t0, 0.3, (t) => 0.5 * Math.sin(2 * Math.PI * (40 + 80 * Math.exp(-t * 30)) * t) * Math.exp(-t * 12), 0.5);
    add(t0 + 0.25, 0.06, (t) => 0.12 * noise() * Math.exp(-t * 60), 0.75);
    if (beat % 2 === 1) add(t0, 0.2, (t) => 0.25 * (noise() + 0.5 * Math.sin(2 * Math.PI * 190 * t)) * Math.exp(-t * 18), 0.55);
  }
  let peak = 0;
  for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(left[i]), Math.abs(right[i]));
  const gain = 0.7 / peak;
  const data = Buffer.alloc(44 + n * 4);
  data.write('RIFF', 0); data.writeUInt32LE(36 + n * 4, 4); data.write('WAVEfmt ', 8);
  data.writeUInt32LE(16, 16); data.writeUInt16LE(1, 20); data.writeUInt16LE(2, 22);
  data.writeUInt32LE(RATE, 24); data.writeUInt32LE(RATE * 4, 28); data.writeUInt16LE(4, 32);
  data.writeUInt16LE(16, 34); data.write('data', 36); data.writeUInt32LE(n * 4, 40);
  for (let i = 0; i < n; i++) {
    data.writeInt16LE(Math.round(left[i] * gain * 32767), 44 + i * 4);
    data.writeInt16LE(Math.round(right[i] * gain * 32767), 46 + i * 4);
  }
  writeFileSync(file, data);
}

// --- one run ---

function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;  // utime + stime, in clock ticks
  } catch {
    return NaN;
  }
}

function childPid(parent, name) {
  try {
    for (const pid of readFileSync(`/proc/${parent}/task/${parent}/children`, 'utf8').trim().split(/\s+/)) {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name) return Number(pid);
    }
  } catch {
    // gone
  }
  return 0;
}

function startWebdesk(dir, app, extra) {
  const child = spawn(path.join(build, 'tools/webdesk'), ['--listen', '127.0.0.1:0', '--no-files', ...extra, '--', 'sh', '-c', app], {
    env: { ...process.env, HOME: dir, XDG_RUNTIME_DIR: path.join(dir, 'run'), WAYLAND_DISPLAY: '', PULSE_SERVER: '' },
    cwd: dir, stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /^webdesk: open (http\S+)/.exec(line);
      if (m) resolve({ child, url: m[1] });
    });
    child.on('exit', (code) => reject(new Error(`webdesk exited with ${code}`)));
  });
}

async function measure(context, dir, content) {
  const { child, url } = await startWebdesk(dir, content.app, content.flags || []);
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction((sound) => window.webdesk && (!sound || window.webdesk.audio.playing) &&
      !Number.isNaN(window.webdesk.stats.clockOffsetUs), !content.flags, { timeout: 30000 });
    await new Promise((r) => setTimeout(r, 2000));
    const pulse = childPid(child.pid, 'pulseaudio');
    const start = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      w.benchLatencies = [];
      w.benchArrivals = [];
      w.benchBuffered = [];
      w.benchTimer = setInterval(() => {
        const a = w.webdesk.audio;
        if (!Number.isNaN(a.latencyMs)) w.benchLatencies.push(a.latencyMs);
        if (!Number.isNaN(a.arrivalMs)) w.benchArrivals.push(a.arrivalMs);
        w.benchBuffered.push(a.bufferedMs);
      }, 100);
      return { bytes: w.webdesk.audio.bytes, packets: w.webdesk.audio.packets, underruns: w.webdesk.audio.underruns };
    });
    const cpu0 = [cpuSeconds(child.pid), cpuSeconds(pulse)];
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const cpu1 = [cpuSeconds(child.pid), cpuSeconds(pulse)];
    const wall = (Date.now() - t0) / 1000;
    const end = await page.evaluate(() => {
      const w = /** @type {any} */ (window);
      clearInterval(w.benchTimer);
      return { bytes: w.webdesk.audio.bytes, packets: w.webdesk.audio.packets, underruns: w.webdesk.audio.underruns,
        latencies: w.benchLatencies, arrivals: w.benchArrivals, buffered: w.benchBuffered };
    });
    const sounding = end.packets > start.packets;
    const quantile = (values, q) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted.length && sounding ? sorted[Math.floor(q * (sorted.length - 1))] : NaN;
    };
    const pick = (q) => quantile(end.latencies, q);
    return {
      name: content.name,
      bytesPerSecond: (end.bytes - start.bytes) / wall,
      packetsPerSecond: (end.packets - start.packets) / wall,
      p50: pick(0.5), p95: pick(0.95),
      arrival: quantile(end.arrivals, 0.5),
      buffered: quantile(end.buffered, 0.5),
      underruns: end.underruns - start.underruns,
      webdeskCpu: (cpu1[0] - cpu0[0]) / wall,
      pulseCpu: (cpu1[1] - cpu0[1]) / wall,
    };
  } finally {
    await page.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-audio-bench-'));
writeFileSync(path.join(dir, 'placeholder'), '');
const music = path.join(dir, 'music.wav');
musicWav(music);
const loop = (command) => `while :; do ${command}; done`;
const contents = [
  { name: 'webdesk --no-sound, for comparison (idle desktop)', app: 'sleep 100000', flags: ['--no-sound'] },
  { name: 'nothing plays (idle desktop)', app: 'sleep 100000' },
  { name: 'an application plays digital silence', app: 'gst-launch-1.0 -q audiotestsrc wave=silence ! pulsesink' },
  { name: 'music-like (melody, bass, drums; stereo)', app: loop(`paplay ${music}`) },
  { name: 'a 440 Hz tone', app: 'gst-launch-1.0 -q audiotestsrc freq=440 volume=0.5 ! pulsesink' },
  { name: 'pink noise (the worst case)', app: 'gst-launch-1.0 -q audiotestsrc wave=pink-noise volume=0.5 ! pulsesink' },
];
const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'webdesk-audio-bench-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', headless: true, args: FLAGS,
});
const rows = [];
try {
  for (const content of contents) {
    const runDir = mkdtempSync(path.join(dir, 'run-'));
    const runtime = path.join(runDir, 'run');
    (await import('node:fs')).mkdirSync(runtime, { mode: 0o700 });
    rows.push(await measure(context, runDir, content));
    console.error(`measured: ${content.name}`);
  }
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
}

const f = (v, digits = 0) => (Number.isNaN(v) ? '-' : v.toFixed(digits));
console.log(`Sound, ${SECONDS} s per content, ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('');
console.log('| content | audio bytes/s | kbit/s | packets/s | latency p50 / p95 (ms) | of which: capture → page, buffered (p50, ms) | underruns | webdesk CPU | sound server CPU |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.name} | ${f(r.bytesPerSecond)} | ${f((r.bytesPerSecond * 8) / 1000, 1)} | ${f(r.packetsPerSecond, 1)} | ` +
    `${f(r.p50, 1)} / ${f(r.p95, 1)} | ${f(r.arrival, 1)}, ${f(r.buffered, 1)} | ${r.underruns} | ` +
    `${f(r.webdeskCpu * 100, 1)} % | ${f(r.pulseCpu * 100, 1)} % |`);
}
