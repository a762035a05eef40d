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
// Started again with the same --port and --token, a new peer is the "same" gateway come back
// (a fresh cast and message list: nothing is kept across processes).

// python-wechaty 0.10.7 speaks plaintext gRPC: the server must not require TLS.
process.env.WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_SERVER = 'true';

const http = require('http');
const net = require('net');
const { PuppetServer } = require('wechaty-puppet-service');
const { PuppetMock, mock } = require('wechaty-puppet-mock');
const PUPPET = require('wechaty-puppet');
const { FileBox, FileBoxType } = require('file-box');

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
  { id: 'wxid_liu', name: '刘物业', role: 'handler' },
];
const ROOMS = [
  { id: 'grid3@chatroom', topic: '网格3群', memberIdList: [BOT.id, 'wxid_li', 'wxid_zhang', 'wxid_wangfang', 'wxid_sun'] },
  { id: 'grid5@chatroom', topic: '网格5群', memberIdList: [BOT.id, 'wxid_li', 'wxid_zhang', 'wxid_qian'] },
  { id: 'work@chatroom', topic: '工作群', memberIdList: [BOT.id, 'wxid_li', 'wxid_zhang', 'wxid_liu'] },
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

// Patch: PuppetMock's messageImage answers a QR code of 'fake-qrcode' whatever the message was,
// and python-wechaty's `msg.to_file_box()` asks messageImage for Image messages: answer the
// image that was actually sent (as messageFile does).
puppet.messageImage = async function messageImage(messageId) {
  return this.messageFile(messageId);
};

// The bytes of every file message (a contact's or the bot's), by message id, for GET /file/<id>.
const files = new Map(); // message id -> Buffer
const fileBytes = async (messageId) => {
  if (files.has(messageId)) return files.get(messageId);
  const json = mocker.cacheFileBoxPayload.get(messageId);
  if (!json) return undefined;
  const bytes = await FileBox.fromJSON(json).toBuffer();
  files.set(messageId, bytes);
  return bytes;
};

// Every message (people's and the bot's own: PuppetMock emits both) as a plain record.
const MESSAGE_TYPES = Object.fromEntries(Object.entries(PUPPET.types.Message)
  .filter(([, value]) => typeof value === 'number').map(([name, value]) => [value, name]));
puppet.on('message', ({ messageId }) => {
  const payload = mocker.messagePayload(messageId);
  const file = mocker.cacheFileBoxPayload.get(messageId);
  let fileSize = null;
  if (file) {
    // python-wechaty sends files as base64 FileBoxes (kept as they came); other kinds are read
    // when first asked for (GET /file/<id>), their size is then unknown here.
    if (file.type === FileBoxType.Base64 || file.boxType === FileBoxType.Base64) {
      const bytes = Buffer.from(file.base64, 'base64');
      files.set(messageId, bytes);
      fileSize = bytes.length;
    } else if (typeof file.size === 'number' && file.size >= 0) {
      fileSize = file.size;
    }
  }
  messages.push({
    id: payload.id,
    talkerId: payload.talkerId,
    roomId: payload.roomId || null,
    listenerId: payload.listenerId || null,
    text: payload.text || '',
    type: MESSAGE_TYPES[payload.type] || String(payload.type),
    mentionIds: payload.mentionIdList || [],
    fileName: file ? file.name : null,
    fileSize,
    timestamp: payload.timestamp,
  });
});

// A contact sends a file: like ContactMock.say(fileBox).to(...), but with the message type we
// choose (the mock guesses it from the extension, and only knows .png/.jpg/.jpeg as images).
const sendFile = (talker, conversation, fileBox, type, mentions) => {
  const id = `msg_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  mocker.cacheFileBoxPayload.set(id, fileBox.toJSON());
  const base = { id, talkerId: talker.id, timestamp: Date.now(), type };
  const payload = conversation === contacts.get(BOT.id) || !rooms.has(conversation.id)
    ? { ...base, listenerId: conversation.id }
    : { ...base, roomId: conversation.id, mentionIdList: mentions.map((c) => c.id) };
  const message = mocker.MessageMock.create(payload);
  puppet.emit('message', { messageId: message.id });
};

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

const fail = (status, message) => Object.assign(new Error(message), { status });

const routes = {
  // {from, room?, text?, mentions?: [contact ids], image?|file?|voice?: base64, fileName?}:
  // `from` says `text` in the room, or privately to the bot; with `image` (or `file`, `voice`)
  // it sends that as an Image (or Attachment, Audio) message named `fileName`, after the text
  // if there is one.
  // Answers the record of the last message sent.
  'POST /say': async (body) => {
    const talker = contacts.get(body.from);
    if (!talker) throw fail(404, `unknown contact ${body.from}`);
    const room = body.room ? rooms.get(body.room) : undefined;
    if (body.room && !room) throw fail(404, `unknown room ${body.room}`);
    const mentions = (body.mentions || []).map((id) => {
      const contact = contacts.get(id);
      if (!contact) throw fail(404, `unknown contact ${id}`);
      return contact;
    });
    const hasText = typeof body.text === 'string' && body.text !== '';
    const attachment = body.image || body.file || body.voice;
    if (!hasText && !attachment) throw fail(400, 'text, image, file or voice is required');
    if ([body.image, body.file, body.voice].filter(Boolean).length > 1) {
      throw fail(400, 'send one of image, file or voice');
    }
    if (attachment !== undefined && (typeof attachment !== 'string' || !attachment)) {
      throw fail(400, 'image/file/voice must be non-empty base64');
    }
    const conversation = room || contacts.get(BOT.id);
    const before = messages.length;
    if (hasText) talker.say(body.text, mentions).to(conversation);
    if (attachment) {
      const fileName = body.fileName || (body.image ? 'image.png' : body.voice ? 'voice.silk' : 'file.bin');
      const fileBox = FileBox.fromBase64(attachment, fileName);
      const type = body.image ? PUPPET.types.Message.Image
        : body.voice ? PUPPET.types.Message.Audio : PUPPET.types.Message.Attachment;
      sendFile(talker, conversation, fileBox, type, hasText ? [] : mentions);
    }
    return messages.length > before ? messages[messages.length - 1] : null;
  },
  // {from, id}: `from` takes back (撤回) their message `id`, as WeChat allows for two minutes: a
  // Recalled message in the same conversation whose text is that id (python-wechaty's
  // Message.to_recalled reads it so). Answers the record of the Recalled message.
  'POST /recall': async (body) => {
    const talker = contacts.get(body.from);
    if (!talker) throw fail(404, `unknown contact ${body.from}`);
    const original = messages.find((m) => m.id === body.id);
    if (!original) throw fail(404, `unknown message ${body.id}`);
    if (original.talkerId !== talker.id) throw fail(400, 'one takes back only one\'s own message');
    const id = `msg_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
    const base = { id, talkerId: talker.id, timestamp: Date.now(), type: PUPPET.types.Message.Recalled, text: original.id };
    const payload = original.roomId ? { ...base, roomId: original.roomId } : { ...base, listenerId: BOT.id };
    const before = messages.length;
    puppet.emit('message', { messageId: mocker.MessageMock.create(payload).id });
    return messages.length > before ? messages[messages.length - 1] : null;
  },
  // {room, topic, by?}: `by` (default 李书记) renames the room. PuppetMock emits `room-topic`
  // (clients get it) and changes the payload the gateway serves; the gateway's own payload
  // cache is marked dirty too (its `dirty` event reaches clients; python-wechaty ignores it).
  'POST /topic': async (body) => {
    const room = rooms.get(body.room);
    if (!room) throw fail(404, `unknown room ${body.room}`);
    if (typeof body.topic !== 'string' || !body.topic) throw fail(400, 'topic is required');
    const changer = contacts.get(body.by || 'wxid_li');
    if (!changer) throw fail(404, `unknown contact ${body.by}`);
    const oldTopic = room.payload.topic;
    room.topic(body.topic).by(changer);
    if (puppet.isLoggedIn) puppet.dirtyPayload(PUPPET.types.Payload.Room, room.id);
    return { roomId: room.id, topic: body.topic, oldTopic, changerId: changer.id };
  },
  // {restartAfterMs?: 500}: shut the gRPC server down now (clients' event streams end, calls
  // fail) and start a new one on the same port and token after restartAfterMs (in-process: the
  // cast, the messages and the mock's login stay).
  'POST /drop': async (body) => {
    const after = body.restartAfterMs === undefined ? 500 : Number(body.restartAfterMs);
    if (!Number.isFinite(after) || after < 0) throw fail(400, 'restartAfterMs must be >= 0');
    await dropServer(after);
    return { restartAfterMs: after };
  },
  'GET /messages': async () => messages,
  'POST /messages': async () => messages,
  'POST /reset': async () => { messages.length = 0; return true; },
  'GET /ids': async () => ids(),
};

// GET /file/<message id>: the raw bytes of a file message (application/octet-stream).
const fileRoute = async (req, res) => {
  const id = decodeURIComponent(req.url.split('?')[0].slice('/file/'.length));
  const bytes = await fileBytes(id);
  if (!bytes) return answer(res, 404, { ok: false, description: `no file for message ${id}` });
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
  return res.end(bytes);
};

const ids = () => ({
  bot: BOT.id,
  contacts: Object.fromEntries(PEOPLE.map((p) => [p.name, p.id])),
  rooms: Object.fromEntries(ROOMS.map((r) => [r.topic, r.id])),
});

const control = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/file/')) {
    try { return await fileRoute(req, res); } catch (error) {
      return answer(res, 500, { ok: false, description: String(error.message || error) });
    }
  }
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
let grpcPort;
let restartTimer;
const startServer = async () => {
  server = new PuppetServer({ endpoint: `127.0.0.1:${grpcPort}`, puppet, token: args.token });
  await server.start();
};

// POST /drop: forceShutdown the gRPC server, start a new one on the same port later.
const dropServer = async (restartAfterMs) => {
  if (restartTimer) throw fail(409, 'already dropped, restarting soon');
  if (server) {
    const old = server;
    server = undefined;
    await old.stop();
  }
  restartTimer = setTimeout(() => {
    startServer()
      .then(() => process.stderr.write(`drop: gRPC server back on ${grpcPort}\n`))
      .catch((error) => process.stderr.write(`drop: restart failed: ${error && error.stack}\n`))
      .finally(() => { restartTimer = undefined; });
  }, restartAfterMs);
};

const main = async () => {
  grpcPort = args.port || await freePort();
  await startServer();
  await new Promise((resolve, reject) => {
    control.once('error', reject);
    control.listen(args.controlPort, '127.0.0.1', resolve);
  });
  process.stdout.write(`ready ${grpcPort} ${control.address().port}\n`);
  process.stdout.write(`${JSON.stringify(ids())}\n`);
};

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(0), 3000);
  timer.unref();
  control.close();
  if (restartTimer) clearTimeout(restartTimer);
  try { if (server) await server.stop(); } catch (error) { process.stderr.write(`stop: ${error}\n`); }
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
