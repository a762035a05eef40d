'use strict';
// A WeChat peer for tests: a wechaty puppet service (wechaty-puppet-service 1.19.9, plaintext
// gRPC) backed by wechaty-puppet-mock 1.19.4, with a fixed cast of people and rooms, plus a tiny
// JSON control server so a test can speak as a contact and read every message. See ../README.md.
//
//   node tests/peers/wechat/peer.js --port 0 --control-port 0 --token T
//     -> prints "ready <port> <control-port>" once listening, then one JSON line with the ids
//
// A python-wechaty bot connects with WECHATY_PUPPET_SERVICE_ENDPOINT=127.0.0.1:<port> and
// WECHATY_PUPPET_SERVICE_TOKEN=<token>; it is logged in as 邻里 as soon as it connects.

// python-wechaty 0.10.7 speaks plaintext gRPC: the server must not require TLS.
process.env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER = 'true';

const http = require('http');
const net = require('net');
const { PuppetServer } = require('wechaty-puppet-service');
const { PuppetMock, mock } = require('wechaty-puppet-mock');
const PUPPET = require('wechaty-puppet');

// ---------------------------------------------------------------- arguments

const args = (() => {
  const result = { port: 0, controlPort: 0, token: 'insecure_linli_test' };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--port') result.port = Number(value);
    else if (key === '--control-port') result.controlPort = Number(value);
    else if (key === '--token') result.token = String(value);
    else throw new Error(`unknown argument ${key} (use --port N --control-port M --token T)`);
  }
  return result;
})();

// ---------------------------------------------------------------- the cast (stable ids)

// Room ids must contain '@': PuppetMock sends to a room only when the id has one.
const BOT = { id: 'wxid_linli', name: '邻里' };
const PEOPLE = [
  { id: 'wxid_li', name: '李书记', role: 'secretary' },
  { id: 'wxid_zhang', name: '张网格', role: 'worker' },
  { id: 'wxid_wangfang', name: '王芳', role: 'resident' },
  { id: 'wxid_sun', name: '孙大爷', role: 'resident' },
  { id: 'wxid_qian', name: '钱阿姨', role: 'resident' },
];
const ROOMS = [
  { id: 'grid3@chatroom', topic: '网格3群', memberIdList: [BOT.id, 'wxid_li', 'wxid_zhang', 'wxid_wangfang', 'wxid_sun'] },
  { id: 'grid5@chatroom', topic: '网格5群', memberIdList: [BOT.id, 'wxid_li', 'wxid_zhang', 'wxid_qian'] },
];

// Every field set so faker's random values (avatar URLs, ...) never leak into tests.
const contactPayload = ({ id, name }) => ({
  id,
  name,
  alias: '',
  avatar: '',
  address: '',
  city: '',
  province: '',
  signature: '',
  phone: [],
  friend: true,
  star: false,
  gender: PUPPET.types.ContactGender.Unknown,
  type: PUPPET.types.Contact.Individual,
  weixin: id,
});

const mocker = new mock.Mocker();
const contacts = new Map(); // id -> ContactMock
const rooms = new Map(); // id -> RoomMock
const messages = []; // every message seen, in order (see record())

// The cast exists from the start (so /say works as soon as the client is logged in); the puppet
// logs in as 邻里 whenever it is started (by the client's start call).
const puppet = new PuppetMock({ mocker });
const bot = mocker.createContact(contactPayload(BOT));
contacts.set(BOT.id, bot);
for (const person of PEOPLE) contacts.set(person.id, mocker.createContact(contactPayload(person)));
for (const room of ROOMS) {
  rooms.set(room.id, mocker.createRoom({
    ...room, avatar: '', adminIdList: [], ownerId: 'wxid_li', memberIdList: [...room.memberIdList],
  }));
}
mocker.use(function linliLogin(m) {
  m.login(bot);
  return () => {};
});

// Every message (people's and the bot's own: PuppetMock emits both) as a plain record.
const MESSAGE_TYPES = Object.fromEntries(Object.entries(PUPPET.types.Message)
  .filter(([, value]) => typeof value === 'number').map(([name, value]) => [value, name]));
puppet.on('message', ({ messageId }) => {
  const payload = mocker.messagePayload(messageId);
  const file = mocker.cacheFileBoxPayload.get(messageId);
  messages.push({
    id: payload.id,
    talkerId: payload.talkerId,
    roomId: payload.roomId || null,
    listenerId: payload.listenerId || null,
    text: payload.text || '',
    type: MESSAGE_TYPES[payload.type] || String(payload.type),
    mentionIds: payload.mentionIdList || [],
    fileName: file ? file.name : null,
    timestamp: payload.timestamp,
  });
});

// ---------------------------------------------------------------- the control server

const readJson = (req) => new Promise((resolve, reject) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try { resolve(body ? JSON.parse(body) : {}); } catch (error) { reject(error); }
  });
  req.on('error', reject);
});

const answer = (res, status, payload) => {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

const routes = {
  // {from, room?, text, mentions?: [contact ids]}: `from` says `text` in the room, or privately
  // to the bot. Answers the message record.
  'POST /say': async (body) => {
    const talker = contacts.get(body.from);
    if (!talker) throw Object.assign(new Error(`unknown contact ${body.from}`), { status: 404 });
    const room = body.room ? rooms.get(body.room) : undefined;
    if (body.room && !room) throw Object.assign(new Error(`unknown room ${body.room}`), { status: 404 });
    const mentions = (body.mentions || []).map((id) => {
      const contact = contacts.get(id);
      if (!contact) throw Object.assign(new Error(`unknown contact ${id}`), { status: 404 });
      return contact;
    });
    if (typeof body.text !== 'string' || !body.text) throw Object.assign(new Error('text is required'), { status: 400 });
    const before = messages.length;
    talker.say(body.text, mentions).to(room || contacts.get(BOT.id));
    return messages[before];
  },
  'GET /messages': async () => messages,
  'POST /messages': async () => messages,
  'POST /reset': async () => { messages.length = 0; return true; },
  'GET /ids': async () => ids(),
};

const ids = () => ({
  bot: BOT.id,
  contacts: Object.fromEntries(PEOPLE.map((p) => [p.name, p.id])),
  rooms: Object.fromEntries(ROOMS.map((r) => [r.topic, r.id])),
});

const control = http.createServer(async (req, res) => {
  const route = routes[`${req.method} ${req.url.split('?')[0]}`];
  if (!route) return answer(res, 404, { ok: false, description: `no route ${req.method} ${req.url}` });
  try {
    const result = await route(await readJson(req));
    return answer(res, 200, { ok: true, result });
  } catch (error) {
    return answer(res, error.status || 500, { ok: false, description: String(error.message || error) });
  }
});

// ---------------------------------------------------------------- start and stop

// PuppetServer wants a fixed port: with --port 0, ask the OS for a free one first.
const freePort = () => new Promise((resolve, reject) => {
  const probe = net.createServer();
  probe.once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

let server;
const main = async () => {
  const port = args.port || await freePort();
  server = new PuppetServer({ endpoint: `127.0.0.1:${port}`, puppet, token: args.token });
  await server.start();
  await new Promise((resolve, reject) => {
    control.once('error', reject);
    control.listen(args.controlPort, '127.0.0.1', resolve);
  });
  process.stdout.write(`ready ${port} ${control.address().port}\n`);
  process.stdout.write(`${JSON.stringify(ids())}\n`);
};

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(0), 3000);
  timer.unref();
  control.close();
  try { if (server) await server.stop(); } catch (error) { process.stderr.write(`stop: ${error}\n`); }
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
