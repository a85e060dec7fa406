// SPDX-License-Identifier: LGPL-2.1-or-later
// The sound's jitter buffer (web/src/jitter-buffer.js), driven the way the AudioWorklet drives
// it: 10 ms packets in, 128-frame render quanta out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { JitterBuffer, TARGET_MS, MAX_MS, TRIM_WINDOW_MS } = await import(
  path.join(root, 'web/src/jitter-buffer.js'));

const RATE = 48000;
const PACKET = RATE / 100;  // 10 ms

/** A 10 ms stereo packet whose samples are its number (so the order played can be read). */
function packet(n) {
  return [new Float32Array(PACKET).fill(n), new Float32Array(PACKET).fill(-n)];
}

function quantum(buffer) {
  const out = [new Float32Array(128), new Float32Array(128)];
  return { pulled: buffer.pull(out), out };
}

test('plays nothing until the target is buffered, then plays in order', () => {
  const b = new JitterBuffer(2, RATE);
  const packets = TARGET_MS / 10;
  for (let n = 1; n < packets; n++) {
    b.push(packet(n), n * 10000);
    assert.equal(quantum(b).pulled.frames, 0, 'still buffering');
  }
  b.push(packet(packets), packets * 10000);
  const { pulled, out } = quantum(b);
  assert.equal(pulled.frames, 128);
  assert.equal(out[0][0], 1);
  assert.equal(out[1][0], -1);
  assert.equal(pulled.captureTimeUs, 10000);
  // The next quantum starts 128 frames into the first packet: its capture time says so.
  assert.equal(quantum(b).pulled.captureTimeUs, 10000 + (128 * 1e6) / RATE);
});

test('running dry plays silence and waits for the target again', () => {
  const b = new JitterBuffer(2, RATE);
  for (let n = 1; n <= TARGET_MS / 10; n++) b.push(packet(n), 0);
  let frames = 0;
  for (;;) {
    const { pulled, out } = quantum(b);
    frames += pulled.frames;
    if (pulled.frames < 128) {
      assert.equal(out[0][127], 0, 'silence after the sound');
      break;
    }
  }
  assert.equal(frames, (TARGET_MS * RATE) / 1000);
  assert.equal(b.underruns, 1);
  b.push(packet(9), 0);
  assert.equal(quantum(b).pulled.frames, 0, 'one packet is not enough to start again');
});

test('a backlog over the maximum is cut down to the target, oldest first', () => {
  const b = new JitterBuffer(2, RATE);
  const packets = MAX_MS / 10 + 5;
  for (let n = 1; n <= packets; n++) b.push(packet(n), n);
  assert.ok(b.bufferedMs <= MAX_MS, `${b.bufferedMs} ms buffered`);
  assert.ok(b.droppedFrames > 0);
  const { out } = quantum(b);
  assert.ok(out[0][0] > 5, `the oldest packets went (first played: ${out[0][0]})`);
  assert.equal(b.chunks.at(-1).planes[0][0], packets, 'the newest stays');
});

test('mono sound plays on both speakers', () => {
  const b = new JitterBuffer(1, RATE, { targetMs: 10 });
  b.push([new Float32Array(PACKET).fill(0.5)], 0);
  const { out } = quantum(b);
  assert.equal(out[0][5], 0.5);
  assert.equal(out[1][5], 0.5);
});

test('a level that stays above the target is trimmed back to it, a little at a time', () => {
  const b = new JitterBuffer(2, RATE);
  // A burst of 150 ms arrives, then packets come as steadily as they are played.
  let n = 0;
  for (; n < 15; n++) b.push(packet(n + 1), 0);
  let played = 0;
  const levels = [];
  for (let second = 0; second < 20; second++) {
    for (let i = 0; i < RATE / 128; i++) {
      const { pulled } = quantum(b);
      played += pulled.frames;
      while (played >= PACKET) {
        b.push(packet(++n), 0);
        played -= PACKET;
      }
    }
    levels.push(b.bufferedMs);
  }
  assert.ok(levels[0] > 120, `starts high (${levels[0]} ms)`);
  assert.ok(levels.at(-1) <= TARGET_MS + 20, `ends near the target (${levels.at(-1)} ms)`);
  assert.equal(b.underruns, 0, 'trimming never runs it dry');
  for (let i = 1; i < levels.length; i++) {
    assert.ok(levels[i - 1] - levels[i] <= 10 + 3, `at most 10 ms a ${TRIM_WINDOW_MS} ms window`);
  }
});
