'use strict';
// A Telegram Bot API peer for tests: telegram-test-api 4.2.1 plus the patches a real client
// (python-telegram-bot 22.8) needs. Every patch below says which gap it fills; see ../README.md.
//
//   node tests/peers/telegram/peer.js --port 0   ->  prints "ready <port>" once listening
//
// Only Node built-ins besides telegram-test-api itself (and the express app it creates).

const { TelegramServer } = require('telegram-test-api/lib/telegramServer');
const { routes } = require('telegram-test-api/lib/routes/index');

// ---------------------------------------------------------------- state kept by the patches

const chats = new Map(); // chat id -> the chat object users used (for bot messages and getChat)
const migrated = new Map(); // old group id -> supergroup id
const failures = new Map(); // `${token}|${chatId}` -> {times, retryAfter}
const files = new Map(); // file_id -> {bytes, file_unique_id, file_name, mime_type, file_path}
const polls = new Map(); // poll id -> {poll, answers: Map(user id -> option ids)}
const commands = new Map(); // `${token}|${scope}|${language}` -> [BotCommand]
const callbackAnswers = new Map(); // callback query id -> answerCallbackQuery parameters
let fileSeq = 0;
let pollSeq = 0;

const seconds = () => Math.floor(Date.now() / 1000);
const bool = (value, fallback) => (value === undefined ? fallback : value === true || value === 'true');
// PTB posts form fields with nested objects JSON-encoded; these fields are parsed.
const JSON_FIELDS = ['reply_markup', 'entities', 'caption_entities', 'reply_parameters',
  'link_preview_options', 'options', 'commands', 'scope', 'question_entities'];
const parseParams = (body) => {
  const params = { ...body };
  for (const key of JSON_FIELDS) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key]);
  }
  return params;
};

// Gap 1: getMe must answer a full bot User (PTB needs is_bot); the bot id is the token's prefix.
const botUser = (token) => ({
  id: Number(String(token).split(':')[0]) || 123456,
  is_bot: true,
  first_name: '邻里',
  username: 'linli_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: true,
  supports_inline_queries: false,
});

// Gap 2: bot messages carry the chat object users used; unknown ids get a plausible one.
const chatFor = (id) => chats.get(id) || (id < 0
  ? { id, type: String(id).startsWith('-100') ? 'supergroup' : 'group', title: `Chat ${id}` }
  : { id, type: 'private', first_name: `User ${id}` });
const remember = (chat) => { if (chat && chat.id !== undefined) chats.set(Number(chat.id), chat); };
const publicMessage = ({ chat_id: _chatId, ...message }) => message; // storage keeps chat_id
const findBotMessage = (server, token, chatId, messageId) => server.storage.botMessages.find(
  (item) => item.botToken === token && item.message.chat.id === Number(chatId)
    && item.message.message_id === Number(messageId),
);

// ---------------------------------------------------------------- patched emulator internals

// Gap 2 and 9: a bot message is stored and answered as a real Message (date in seconds, from =
// the bot, the real chat, inline markup only, reply_to_message when known); `extra` adds the
// poll/document/photo, `request` keeps what the bot asked for (JSON fields parsed).
TelegramServer.prototype.addBotMessage = function addBotMessage(raw, botToken, extra = {}, method = 'sendMessage') {
  const request = parseParams(raw);
  const chatId = Number(request.chat_id);
  const message = { message_id: this.messageId, from: botUser(botToken), chat: chatFor(chatId), date: seconds() };
  if (request.message_thread_id !== undefined) message.message_thread_id = Number(request.message_thread_id);
  const replyTo = (request.reply_parameters || {}).message_id || request.reply_to_message_id;
  if (replyTo !== undefined) {
    const original = this.findMessage(botToken, chatId, Number(replyTo));
    if (original) message.reply_to_message = { ...original, reply_to_message: undefined };
  }
  for (const key of ['text', 'entities', 'caption', 'caption_entities']) {
    if (request[key] !== undefined) message[key] = request[key];
  }
  if (request.reply_markup && request.reply_markup.inline_keyboard) message.reply_markup = request.reply_markup;
  Object.assign(message, extra);
  this.storage.botMessages.push({
    time: Date.now(), botToken, method, request, message: { ...message, chat_id: request.chat_id },
    updateId: this.updateId, messageId: this.messageId, isRead: false,
  });
  this.messageId++;
  this.updateId++;
  this.emit('AddedBotMessage');
  return message;
};

// The message (user's or bot's) with this id in this chat, as the bot saw it.
TelegramServer.prototype.findMessage = function findMessage(token, chatId, messageId) {
  const bot = findBotMessage(this, token, chatId, messageId);
  if (bot) return publicMessage(bot.message);
  const user = this.storage.userMessages.concat(this.delivered || []).find((u) => u.botToken === token
    && u.message && Number(u.message.chat.id) === chatId && u.messageId === messageId);
  return user && TelegramServer.formatUpdate(user).message;
};

// The emulator posts user updates without awaiting them and bumps ids after an await; here
// ids are taken synchronously and the updated message is returned to the client route.
TelegramServer.prototype.addUserMessage = async function addUserMessage({ botToken, ...message }) {
  if (message.date === undefined) message.date = seconds();
  // Gap 8: a service message with migrate_to_chat_id marks its (old) chat as migrated.
  if (message.migrate_to_chat_id !== undefined) {
    migrated.set(Number(message.chat.id), Number(message.migrate_to_chat_id));
  }
  if (message.photo === true || typeof message.photo === 'string') {
    const bytes = message.photo === true ? ONE_PIXEL_PNG : Buffer.from(message.photo, 'base64');
    message.photo = photoSizes(storeFile('photos', { bytes, name: 'photo.jpg', type: 'image/jpeg' }));
  }
  const update = { ...this.getCommonFields(botToken), message };
  this.messageId++;
  await this.addUserUpdate(update);
  this.emit('AddedUserMessage');
  return TelegramServer.formatUpdate(update).message;
};
TelegramServer.prototype.addUserCommand = TelegramServer.prototype.addUserMessage;

TelegramServer.prototype.addUserCallback = async function addUserCallback(callbackQuery) {
  const update = { ...this.getCommonFields(callbackQuery.botToken), callbackQuery, callbackId: this.callbackId };
  this.callbackId++;
  await this.addUserUpdate(update);
  this.emit('AddedUserCallbackQuery');
  return TelegramServer.formatUpdate(update).callback_query;
};

// Gap 6: re-implemented so a webhook POST carries X-Telegram-Bot-Api-Secret-Token; chats seen
// in user updates are remembered (gap 2); the update id is taken before awaiting the webhook.
TelegramServer.prototype.addUserUpdate = async function addUserUpdate(update) {
  if (!update.botToken) throw new Error('The update must name its `botToken`.');
  if (update.message) remember(update.message.chat);
  if (update.callbackQuery && update.callbackQuery.message) remember(update.callbackQuery.message.chat);
  this.updateId++;
  const webhook = this.webhooks[update.botToken];
  if (!webhook) {
    this.storage.userMessages.push(update);
    return;
  }
  (this.delivered = this.delivered || []).push({ ...update, isRead: true });
  const headers = { 'content-type': 'application/json' };
  if (webhook.secret_token) headers['X-Telegram-Bot-Api-Secret-Token'] = webhook.secret_token;
  const response = await fetch(webhook.url, {
    method: 'POST', headers, body: JSON.stringify(TelegramServer.formatUpdate(update)),
  });
  if (!response.ok) {
    throw new Error(`webhook ${webhook.url} answered ${response.status}: ${await response.text()}`);
  }
};

// Gap 3 and 5: callback queries get chat_instance; updates with a `raw` payload (poll_answer)
// are sent as they are.
const emulatorFormatUpdate = TelegramServer.formatUpdate;
TelegramServer.formatUpdate = (update) => {
  if (update.raw) return { update_id: update.updateId, ...update.raw };
  const formatted = emulatorFormatUpdate(update);
  if (formatted.message) delete formatted.message.botToken;
  const query = formatted.callback_query;
  if (query) {
    const chat = query.message && query.message.chat;
    query.chat_instance = String(chat ? chat.id : query.from.id);
  }
  return formatted;
};

// ---------------------------------------------------------------- files (gap 4)

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const storeFile = (folder, { bytes, name, type }) => {
  fileSeq++;
  const extension = (name && name.includes('.')) ? name.slice(name.lastIndexOf('.')) : '';
  const file = {
    file_id: `file-${fileSeq}`,
    file_unique_id: `unique-${fileSeq}`,
    file_name: name || `file_${fileSeq}${extension}`,
    mime_type: type || 'application/octet-stream',
    file_size: bytes.length,
    file_path: `${folder}/file_${fileSeq}${extension}`,
    bytes,
  };
  files.set(file.file_id, file);
  return file;
};

// The uploaded part, `attach://name` part, a known file_id (re-send) or a URL (no bytes).
const inputFile = (req, field, folder) => {
  const value = req.body[field];
  const part = req.files[field]
    || (typeof value === 'string' && value.startsWith('attach://') && req.files[value.slice(9)]);
  if (part) return storeFile(folder, part);
  if (files.has(value)) return files.get(value);
  if (typeof value === 'string' && value) {
    return storeFile(folder, { bytes: Buffer.alloc(0), name: value.split('/').pop() });
  }
  return null;
};

// Width and height of a PNG or JPEG (1x1 when unknown).
const imageSize = (b) => {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return [b.readUInt32BE(16), b.readUInt32BE(20)];
  for (let i = 2; b[0] === 0xff && b[1] === 0xd8 && i + 9 < b.length;) {
    if (b[i] !== 0xff) { i++; continue; }
    const marker = b[i + 1];
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return [b.readUInt16BE(i + 7), b.readUInt16BE(i + 5)];
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return [1, 1];
};

const photoSizes = (file) => {
  const [width, height] = imageSize(file.bytes);
  return [{ file_id: file.file_id, file_unique_id: file.file_unique_id, width, height, file_size: file.file_size }];
};

// PTB uploads with multipart/form-data, which the emulator's body parsers skip.
const parseMultipart = async (req) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const form = await new Request('http://peer.invalid/', {
    method: 'POST', headers: { 'content-type': req.headers['content-type'] }, body: Buffer.concat(chunks),
  }).formData();
  req.body = {};
  for (const [name, value] of form) {
    if (typeof value === 'string') req.body[name] = value;
    else req.files[name] = { bytes: Buffer.from(await value.arrayBuffer()), name: value.name, type: value.type };
  }
};

// ---------------------------------------------------------------- routes

const ok = (res, result) => res.json({ ok: true, result });
const fail = (res, code, description, parameters) => res.status(code)
  .json({ ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) });
// Express 4 does not catch rejected promises.
const route = (handler) => (req, res, next) => Promise.resolve(handler(req, res, next)).catch(next);

function peerRoutes(app, server) {
  const bot = (method, handler) => app.all(`/bot:token/${method}`, route(handler));
  const client = (path, handler) => app.post(path, route(handler));
  const storeBotMessage = (req, extra, method) => server.addBotMessage(req.body, req.params.token, extra, method);

  // Runs before every bot method: multipart parsing, then gap 8 (migrated chats) and gap 7
  // (injected failures, counted on sends to the chat other than sendChatAction).
  bot(':method', async (req, res, next) => {
    req.files = {};
    if (req.is('multipart/form-data')) await parseMultipart(req);
    const chatId = req.body.chat_id === undefined ? null : Number(req.body.chat_id);
    if (chatId !== null && migrated.has(chatId)) {
      fail(res, 400, 'Bad Request: group chat was upgraded to a supergroup chat',
        { migrate_to_chat_id: migrated.get(chatId) });
      return;
    }
    const failure = failures.get(`${req.params.token}|${chatId}`);
    if (failure && failure.times > 0 && /^send(?!ChatAction)/.test(req.params.method)) {
      failure.times--;
      if (failure.retryAfter) {
        fail(res, 429, `Too Many Requests: retry after ${failure.retryAfter}`, { retry_after: failure.retryAfter });
      } else {
        fail(res, 502, 'Bad Gateway');
      }
      return;
    }
    next();
  });

  bot('getMe', (req, res) => ok(res, botUser(req.params.token))); // gap 1

  // Gap 2: edits return the edited message (inline messages: true).
  const edit = (fields) => (req, res) => {
    const params = parseParams(req.body);
    if (params.inline_message_id) { ok(res, true); return; }
    const item = findBotMessage(server, req.params.token, params.chat_id, params.message_id);
    if (!item) { fail(res, 400, 'Bad Request: message to edit not found'); return; }
    for (const key of fields) { // what the method controls: set, or removed when left out
      if (params[key] !== undefined && (key !== 'reply_markup' || params[key].inline_keyboard)) {
        item.message[key] = params[key];
      } else {
        delete item.message[key];
      }
    }
    item.message.edit_date = seconds();
    ok(res, publicMessage(item.message));
  };
  bot('editMessageText', edit(['text', 'entities', 'reply_markup']));
  bot('editMessageCaption', edit(['caption', 'caption_entities', 'reply_markup']));
  bot('editMessageReplyMarkup', edit(['reply_markup']));

  // Gap 4: polls.
  bot('sendPoll', (req, res) => {
    const params = parseParams(req.body);
    pollSeq++;
    const poll = {
      id: String(5000000000 + pollSeq),
      question: params.question,
      options: params.options.map((option, i) => ({
        text: typeof option === 'string' ? option : option.text, voter_count: 0, persistent_id: String(i),
      })),
      total_voter_count: 0,
      is_closed: bool(params.is_closed, false),
      is_anonymous: bool(params.is_anonymous, true),
      type: params.type || 'regular',
      allows_multiple_answers: bool(params.allows_multiple_answers, false),
      allows_revoting: bool(params.allows_revoting, params.type !== 'quiz'),
      members_only: bool(params.members_only, false),
    };
    if (params.open_period) poll.open_period = Number(params.open_period);
    if (params.close_date) poll.close_date = Number(params.close_date);
    polls.set(poll.id, { poll, answers: new Map() });
    ok(res, storeBotMessage(req, { poll }, 'sendPoll'));
  });
  bot('stopPoll', (req, res) => {
    const item = findBotMessage(server, req.params.token, req.body.chat_id, req.body.message_id);
    if (!item || !item.message.poll) { fail(res, 400, 'Bad Request: message with poll to stop not found'); return; }
    item.message.poll.is_closed = true; // the same object the stored message shows
    ok(res, item.message.poll);
  });

  // Gap 4: documents, photos, getFile; downloads are below.
  bot('sendDocument', (req, res) => {
    const file = inputFile(req, 'document', 'documents');
    if (!file) { fail(res, 400, 'Bad Request: there is no document in the request'); return; }
    const { file_id, file_unique_id, file_name, mime_type, file_size } = file;
    ok(res, storeBotMessage(req, { document: { file_id, file_unique_id, file_name, mime_type, file_size } }, 'sendDocument'));
  });
  bot('sendPhoto', (req, res) => {
    const file = inputFile(req, 'photo', 'photos');
    if (!file) { fail(res, 400, 'Bad Request: there is no photo in the request'); return; }
    ok(res, storeBotMessage(req, { photo: photoSizes(file) }, 'sendPhoto'));
  });
  bot('getFile', (req, res) => {
    const file = files.get(req.body.file_id);
    if (!file) { fail(res, 400, 'Bad Request: invalid file_id'); return; }
    const { file_id, file_unique_id, file_size, file_path } = file;
    ok(res, { file_id, file_unique_id, file_size, file_path });
  });
  app.get('/file/bot:token/*', (req, res) => {
    const file = [...files.values()].find((f) => f.file_path === req.params[0]);
    if (!file) { res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' }); return; }
    res.type(file.mime_type).send(file.bytes);
  });

  // Gap 4: command lists, per token, scope and language.
  const commandsKey = (req) => {
    const params = parseParams(req.body);
    return `${req.params.token}|${JSON.stringify(params.scope || { type: 'default' })}|${params.language_code || ''}`;
  };
  bot('setMyCommands', (req, res) => { commands.set(commandsKey(req), parseParams(req.body).commands); ok(res, true); });
  bot('getMyCommands', (req, res) => ok(res, commands.get(commandsKey(req)) || []));
  bot('deleteMyCommands', (req, res) => { commands.delete(commandsKey(req)); ok(res, true); });

  // Gap 4: getChat (PTB's ChatFullInfo needs the three extra fields), webhooks, small answers.
  bot('getChat', (req, res) => {
    const chat = chats.get(Number(req.body.chat_id));
    if (!chat) { fail(res, 400, 'Bad Request: chat not found'); return; }
    ok(res, {
      ...chat,
      accent_color_id: 0,
      max_reaction_count: 11,
      accepted_gift_types: {
        unlimited_gifts: false, limited_gifts: false, unique_gifts: false,
        premium_subscription: false, gifts_from_channels: false,
      },
    });
  });
  bot('setWebhook', (req, res) => { // the emulator's, answering true; secret_token is kept
    if (!req.body.url) { fail(res, 400, 'Bad Request: bad webhook: URL is empty'); return; }
    server.setWebhook({ ...req.body }, req.params.token);
    ok(res, true);
  });
  bot('getWebhookInfo', (req, res) => {
    const webhook = server.webhooks[req.params.token];
    const pending = server.storage.userMessages.filter((u) => u.botToken === req.params.token && !u.isRead);
    ok(res, { url: webhook ? webhook.url : '', has_custom_certificate: false, pending_update_count: pending.length });
  });
  bot('answerCallbackQuery', (req, res) => { callbackAnswers.set(String(req.body.callback_query_id), req.body); ok(res, true); });
  bot('sendChatAction', (_req, res) => ok(res, true));

  // Client side: inject user updates (answering what the bot will see) and read bot output.
  client('/sendMessage', async (req, res) => ok(res, await server.addUserMessage(req.body)));
  client('/sendCommand', async (req, res) => ok(res, await server.addUserMessage(req.body)));
  client('/sendCallback', async (req, res) => ok(res, await server.addUserCallback(req.body)));
  client('/callbackAnswer', (req, res) => ok(res, callbackAnswers.get(String(req.body.callbackId)) || null));

  // Gap 10: a person edits their message: an edited_message update with the new text.
  client('/editMessage', async (req, res) => {
    const { botToken, chatId, messageId, text } = req.body;
    const original = server.findMessage(botToken, Number(chatId), Number(messageId));
    if (!original || !original.from || original.from.is_bot) {
      fail(res, 400, `no message ${messageId} of a person in chat ${chatId}`);
      return;
    }
    const edited = { ...original, text, edit_date: seconds() };
    delete edited.entities;
    delete edited.caption;
    if (req.body.entities) edited.entities = req.body.entities;
    const raw = { edited_message: edited };
    await server.addUserUpdate({ ...server.getCommonFields(botToken), raw });
    ok(res, edited);
  });

  // Gap 5: a poll_answer update, with the poll's counts updated.
  client('/sendPollAnswer', async (req, res) => {
    const { botToken, pollId, from } = req.body;
    const optionIds = (req.body.optionIds || []).map(Number);
    const entry = polls.get(String(pollId));
    if (!entry) { fail(res, 400, `unknown poll ${pollId}`); return; }
    const { poll } = entry;
    if (poll.is_closed) { fail(res, 400, `poll ${pollId} is closed`); return; }
    if (poll.is_anonymous) { fail(res, 400, `poll ${pollId} is anonymous: bots get no poll_answer`); return; }
    if (optionIds.some((i) => !poll.options[i]) || (optionIds.length > 1 && !poll.allows_multiple_answers)) {
      fail(res, 400, `bad option ids ${JSON.stringify(optionIds)} for poll ${pollId}`);
      return;
    }
    entry.answers.set(from.id, optionIds);
    poll.options.forEach((option) => { option.voter_count = 0; });
    for (const ids of entry.answers.values()) ids.forEach((i) => { poll.options[i].voter_count++; });
    poll.total_voter_count = [...entry.answers.values()].filter((ids) => ids.length).length;
    const raw = {
      poll_answer: {
        poll_id: poll.id, user: from, option_ids: optionIds,
        option_persistent_ids: optionIds.map((i) => poll.options[i].persistent_id),
      },
    };
    const update = { ...server.getCommonFields(botToken), raw };
    await server.addUserUpdate(update);
    ok(res, raw.poll_answer);
  });

  // Gap 7: the next `times` sends to the chat fail (429 with retryAfter, else 502).
  client('/failNext', (req, res) => {
    const { botToken, chatId, times, retryAfter } = req.body;
    failures.set(`${botToken}|${Number(chatId)}`, { times: Number(times || 1), retryAfter: retryAfter || null });
    ok(res, true);
  });

  // Gap 9: every bot message of a chat, in order, not marking anything read.
  client('/botMessages', (req, res) => {
    const items = server.storage.botMessages
      .filter((item) => item.botToken === req.body.token && item.message.chat.id === Number(req.body.chatId))
      .sort((a, b) => a.messageId - b.messageId);
    ok(res, items.map((item) => ({ method: item.method, request: item.request, message: publicMessage(item.message) })));
  });
}

// Ahead of the emulator's routes, so ours win and its catch-all `/bot:token/:method` stays last.
routes.unshift(peerRoutes);

// ---------------------------------------------------------------- command line

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--port');
  const port = at >= 0 ? Number(args[at + 1]) : 9000;
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  server.config.port = port; // normalizeConfig turns 0 into 9000
  await server.start();
  process.stdout.write(`ready ${server.server.address().port}\n`);
  const stop = () => {
    setTimeout(() => process.exit(0), 2000).unref();
    server.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
