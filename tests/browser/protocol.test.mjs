// SPDX-License-Identifier: LGPL-2.1-or-later
// The client's protocol code against docs/protocol.md's golden vectors (the C++ side checks
// the same vectors in tests/soup/golden_vectors_test.cpp), plus the codec string and key maps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { parseFrameMessage, ackMessage, keyMessage, helloMessage, parseAudioMessage, audioMessage,
  messageType, MESSAGE_AUDIO } = await import(path.join(root, 'web/src/protocol.js'));
const { codecFromAnnexB, isHigh444, losslessFromAnnexB } = await import(
  path.join(root, 'web/src/h264.js'));
const { evdevCode, keysymName } = await import(path.join(root, 'web/src/keymap.js'));
const { AckQueue } = await import(path.join(root, 'web/src/acks.js'));

/** The ```<kind> <name> blocks of docs/protocol.md. */
function blocks(kind) {
  const text = readFileSync(path.join(root, 'docs/protocol.md'), 'utf8');
  const found = [];
  const re = /^```(\S+) ?(\S*)\n([\s\S]*?)^```/gm;
  for (const m of text.matchAll(re)) {
    if (m[1] === kind) found.push({ name: m[2], lines: m[3].trimEnd().split('\n') });
  }
  return found;
}

function fromHex(text) {
  const bytes = text.trim().split(/\s+/).join('').match(/../g) || [];
  return new Uint8Array(bytes.map((b) => parseInt(b, 16)));
}

test('frame headers decode to the documented fields', () => {
  const vectors = blocks('golden-frame');
  assert.ok(vectors.length >= 2);
  for (const v of vectors) {
    const bytes = fromHex(v.lines[0]);
    const fields = JSON.parse(v.lines[1]);
    const frame = parseFrameMessage(bytes.buffer);
    assert.ok(frame, v.name);
    assert.equal(frame.flags, fields.flags, v.name);
    assert.equal(frame.sequence, fields.sequence, v.name);
    assert.equal(frame.captureTimeUs, fields.capture_time_us, v.name);
    assert.equal(frame.width, fields.width, v.name);
    assert.equal(frame.height, fields.height, v.name);
    assert.deepEqual(Array.from(frame.payload), Array.from(fromHex(fields.payload)), v.name);
    assert.equal(frame.keyframe, (fields.flags & 1) !== 0);
    assert.equal(frame.refine, (fields.flags & 2) !== 0);
  }
});

test('audio packets decode to the documented fields and encode to the documented bytes', () => {
  const vectors = blocks('golden-audio');
  assert.ok(vectors.length >= 2);
  for (const v of vectors) {
    const bytes = fromHex(v.lines[0]);
    const fields = JSON.parse(v.lines[1]);
    assert.equal(messageType(bytes.buffer), MESSAGE_AUDIO, v.name);
    assert.equal(parseFrameMessage(bytes.buffer), null, `${v.name} is not a video frame`);
    const packet = parseAudioMessage(bytes.buffer);
    assert.ok(packet, v.name);
    assert.equal(packet.flags, fields.flags, v.name);
    assert.equal(packet.discont, (fields.flags & 1) !== 0, v.name);
    assert.equal(packet.sequence, fields.sequence, v.name);
    assert.equal(packet.captureTimeUs, fields.capture_time_us, v.name);
    assert.deepEqual(Array.from(packet.payload), Array.from(fromHex(fields.payload)), v.name);
    const written = audioMessage(fields.sequence, fields.capture_time_us, fromHex(fields.payload), fields.flags);
    assert.deepEqual(Array.from(written), Array.from(bytes), v.name);
  }
  // A video frame is not an audio packet, nor is a header without a packet.
  assert.equal(parseAudioMessage(fromHex(blocks('golden-frame')[0].lines[0]).buffer), null);
  assert.equal(parseAudioMessage(fromHex(blocks('golden-audio')[0].lines[0]).slice(0, 16).buffer), null);
});

test('truncated or foreign binary messages are not frames', () => {
  const good = fromHex(blocks('golden-frame')[0].lines[0]);
  assert.equal(parseFrameMessage(good.slice(0, 23).buffer), null);
  assert.equal(parseFrameMessage(good.slice(0, good.length - 1).buffer), null);
  const otherVersion = good.slice();
  otherVersion[1] = 2;
  assert.equal(parseFrameMessage(otherVersion.buffer), null);
});

test('a longer header from a later revision is skipped', () => {
  const good = fromHex(blocks('golden-frame')[0].lines[0]);
  const longer = new Uint8Array(good.length + 4);
  longer.set(good.slice(0, 24));
  longer[3] = 28;
  longer.set(good.slice(24), 28);
  const frame = parseFrameMessage(longer.buffer);
  assert.ok(frame);
  assert.deepEqual(Array.from(frame.payload), Array.from(good.slice(24)));
});

test('codec strings come from the SPS', () => {
  const vectors = blocks('golden-codec');
  assert.ok(vectors.length >= 2);
  for (const v of vectors) {
    assert.equal(codecFromAnnexB(fromHex(v.lines[0])), v.lines[1], v.name);
    assert.equal(isHigh444(v.lines[1]), v.lines[1].startsWith('avc1.F4'));
  }
  assert.equal(codecFromAnnexB(fromHex('00 00 00 01 41 9a')), null);
});

test('the SPS says whether lossless frames may follow', () => {
  const vectors = blocks('golden-sps');
  assert.ok(vectors.length >= 3);
  for (const v of vectors) {
    const want = JSON.parse(v.lines[1]);
    const au = fromHex(v.lines[0]);
    assert.equal(codecFromAnnexB(au), want.codec, v.name);
    assert.equal(losslessFromAnnexB(au), want.lossless, v.name);
  }
  assert.equal(losslessFromAnnexB(fromHex('00 00 00 01 41 9a')), null);
});

test('the hello the client sends is the documented one for its capabilities', () => {
  let checked = 0;
  for (const v of blocks('golden-hello')) {
    const hello = JSON.parse(v.lines[0]);
    const capabilities = JSON.parse(v.lines[1]);
    if (!('decodes_lossless' in hello)) continue;  // an earlier revision's client
    assert.deepEqual(JSON.parse(helloMessage(capabilities.decodes_444, hello.agent,
      capabilities.decodes_lossless)), hello, v.name);
    checked++;
  }
  assert.ok(checked >= 1);
});

test('the client sends messages the server documents', () => {
  const documented = blocks('example').find((b) => b.name === 'client').lines.map((l) => JSON.parse(l));
  const types = new Set(documented.map((m) => m.type));
  for (const text of [ackMessage(41), keyMessage('key-down', 'a', 30, 'a'), helloMessage(true, 'x')]) {
    const message = JSON.parse(text);
    assert.ok(types.has(message.type), message.type);
  }
  assert.deepEqual(JSON.parse(keyMessage('key-down', 'a', 30, 'a')),
    documented.find((m) => m.type === 'key-down' && m.key === 'a'));
  assert.deepEqual(JSON.parse(ackMessage(41)), documented.find((m) => m.type === 'ack'));
});

test('keys map to evdev codes and X keysym names', () => {
  assert.equal(evdevCode('KeyA'), 30);
  assert.equal(evdevCode('Enter'), 28);
  assert.equal(evdevCode('ArrowLeft'), 105);
  assert.equal(evdevCode('NoSuchKey'), 0);
  assert.equal(keysymName('Enter'), 'Return');
  assert.equal(keysymName('ArrowLeft'), 'Left');
  assert.equal(keysymName('a'), 'a');
});

test('each frame is acknowledged once, in the order received, when decoded or discarded', () => {
  const sent = [];
  const acks = new AckQueue((sequence) => sent.push(sequence));
  for (const s of [7, 8, 9, 10]) acks.received(s);
  acks.finished(8);  // discarded while 7 is still in the decoder: held back
  assert.deepEqual(sent, []);
  acks.finished(7);  // decoded: 7 and 8 go, in order
  assert.deepEqual(sent, [7, 8]);
  acks.finished(7);  // twice is still once
  acks.finished(3);  // never received on this connection
  assert.deepEqual(sent, [7, 8]);
  assert.equal(acks.unacknowledged, 2);
  acks.reset();  // a new connection
  acks.finished(9);
  assert.deepEqual(sent, [7, 8]);
  acks.received(0xffffffff);
  acks.received(0);
  acks.finished(0);
  acks.finished(0xffffffff);
  assert.deepEqual(sent, [7, 8, 0xffffffff, 0]);
  assert.equal(acks.unacknowledged, 0);
});
