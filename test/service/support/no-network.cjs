// Preloaded (NODE_OPTIONS=--require) into a tool a test runs, to prove it reaches for no network:
// every outbound connection is refused at once, and written to the file TL_NETWORK_LOG names.
const fs = require('node:fs');
const net = require('node:net');

const log = process.env.TL_NETWORK_LOG;
net.Socket.prototype.connect = function refuse(...args) {
  const target = typeof args[0] === 'object' ? (args[0].host ?? args[0].path) : args[1];
  if (log) fs.appendFileSync(log, `${String(target ?? 'unknown')}\n`);
  process.nextTick(() => this.destroy(new Error('no network in tests')));
  return this;
};
