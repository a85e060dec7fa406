// SPDX-License-Identifier: LGPL-2.1-or-later
// The web client's input helpers under node: wheel steps (a mouse click is one step at once, a
// trackpad's small pixel deltas add up and are capped), the desktop size in device pixels, and
// the role message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = process.env.WEBDESK_SOURCE_ROOT || path.resolve(here, '../..');
const { WheelAccumulator, MAX_STEPS_PER_EVENT } = await import(path.join(root, 'web/src/wheel.js'));
const { deviceSize } = await import(path.join(root, 'web/src/resize.js'));
const { roleFromMessage } = await import(path.join(root, 'web/src/roles.js'));
const { controlMessage } = await import(path.join(root, 'web/src/protocol.js'));

const PIXELS = 0;
const LINES = 1;

test('a mouse wheel click is one step, at once, in any unit', () => {
  const wheel = new WheelAccumulator();
  assert.deepEqual(wheel.add(0, 100, PIXELS, 0), { dx: 0, dy: 1 });
  assert.deepEqual(wheel.add(0, -120, PIXELS, 10), { dx: 0, dy: -1 });
  assert.deepEqual(wheel.add(0, 3, LINES, 20), { dx: 0, dy: 1 });
  assert.deepEqual(wheel.add(-3, 0, LINES, 30), { dx: -1, dy: 0 });
});

test('trackpad pixel deltas add up to steps, slower than they come, and a fling is capped', () => {
  const wheel = new WheelAccumulator();
  let steps = 0;
  let t = 0;
  for (let i = 0; i < 20; i++) steps += wheel.add(0, 10, PIXELS, (t += 16)).dy;  // 200 px
  assert.equal(steps, 4);
  const fling = wheel.add(0, 49, PIXELS, (t += 16)).dy + wheel.add(0, 49 * 10, PIXELS, (t += 16)).dy;
  assert.ok(fling <= 1 + MAX_STEPS_PER_EVENT, `a fling gives ${fling} steps`);
});

test('what is left over is dropped after a pause or a change of direction', () => {
  const wheel = new WheelAccumulator();
  assert.equal(wheel.add(0, 40, PIXELS, 0).dy, 0);
  assert.equal(wheel.add(0, -20, PIXELS, 10).dy, 0);  // the other way: the 40 is forgotten
  assert.equal(wheel.add(0, -20, PIXELS, 20).dy, 0);
  assert.equal(wheel.add(0, -20, PIXELS, 30).dy, -1);
  assert.equal(wheel.add(0, 40, PIXELS, 40).dy, 0);
  assert.equal(wheel.add(0, 40, PIXELS, 2000).dy, 0, 'after a pause nothing is carried over');
});

test('the desktop size is the window in device pixels, even', () => {
  assert.deepEqual(deviceSize({ innerWidth: 900, innerHeight: 600, devicePixelRatio: 2 }),
    { width: 1800, height: 1200, scale: 2 });
  assert.deepEqual(deviceSize({ innerWidth: 1001, innerHeight: 700, devicePixelRatio: 1.25 }),
    { width: 1250, height: 874, scale: 1.25 });
  assert.deepEqual(deviceSize({ innerWidth: 0, innerHeight: 0, devicePixelRatio: 0 }),
    { width: 2, height: 2, scale: 1 });
});

test('role messages, and the control message', () => {
  assert.deepEqual(roleFromMessage({ type: 'role', role: 'view', can_control: true, controller: 3, clients: 2 }),
    { role: 'view', canControl: true, controller: 3, clients: 2 });
  assert.equal(roleFromMessage({ type: 'role', role: 'boss' }), null);
  assert.equal(controlMessage('take'), '{"type":"control","action":"take"}');
  assert.equal(controlMessage('give', 4), '{"type":"control","action":"give","client_id":4}');
});
