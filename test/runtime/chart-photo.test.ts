/**
 * The Monday post's chart: the built bundle takes the week sheet's chart as a PNG
 * (`EmbeddedChart.getAs('image/png')`, drawn by the local runtime) and sends it with sendPhoto as
 * multipart through UrlFetchApp; the Telegram emulator checks it as the Bot API does (decodes as
 * an image, ≤ 10 MB, width + height ≤ 10 000, ratio ≤ 20) and keeps it. The picture is written to
 * out/chart-photo.png to be looked at. Facts: docs/services.md §B4, §1.3, §2.5.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { FakeClock, type GasRuntime } from '../../dev/gas';
import { startTelegramEmulator, type TelegramHandle } from '../support/emulators';
import { setUpRuntime, sheetValues, startFixtureEmulator } from '../support/fixture-account';
import { runScript } from '../support/gas';

interface Transcript {
  transcript: Array<{
    method: string;
    chatId?: string;
    ok: boolean;
    text?: string;
    fileId?: string;
    description?: string;
  }>;
  chats: Array<{
    id: number;
    messages: Array<{
      text?: string;
      caption?: string;
      photo?: Array<{ width: number; height: number }>;
    }>;
  }>;
}

/** The PNG's pixels as RGB rows (8-bit truecolour, filter 0 — what a decoder reads back). */
function decodePng(b: Buffer): {
  width: number;
  height: number;
  rgb: (x: number, y: number) => number[];
} {
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let i = 8; i < b.length;) {
    const len = b.readUInt32BE(i);
    const type = b.toString('ascii', i + 4, i + 8);
    if (type === 'IDAT') idat.push(b.subarray(i + 8, i + 8 + len));
    i += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3 + 1;
  expect(raw.length).toBe(stride * height);
  return {
    width,
    height,
    rgb: (x, y) => [...raw.subarray(y * stride + 1 + x * 3, y * stride + 4 + x * 3)],
  };
}

describe('the chart in the chat', () => {
  let amo: Awaited<ReturnType<typeof startFixtureEmulator>>;
  let tg: TelegramHandle;
  let rt: GasRuntime;

  beforeAll(async () => {
    amo = await startFixtureEmulator();
    tg = await startTelegramEmulator();
    ({ rt } = setUpRuntime(amo, { clock: new FakeClock('2026-03-16T06:00:00Z') }));
    rt.routes = [
      { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
      { host: /^api\.telegram\.org$/, target: tg.url, forwardClock: true },
    ];
    expect(rt.callFromClient('connectTelegramBot', tg.token)).toMatchObject({ ok: true });
    rt.callFromClient('findTelegramChats');
    expect(
      rt.callFromClient('saveSettingsPart', {
        telegram: {
          daily: true,
          monday: true,
          quarter: true,
          headDigest: true,
          hour: 9,
          publicTopN: null,
          groupChatId: tg.chatId,
          headChatId: tg.headId,
        },
      }),
    ).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await rt.close();
    await tg.stop();
    await amo.stop();
  });

  test('the Monday post goes with the week chart as a PNG photo, above its text, once', async () => {
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const t = await tg.control<Transcript>('transcript');
    const group = t.transcript.filter((x) => x.ok && x.chatId === String(tg.chatId));
    // the photo first, then the text of the week and the month
    expect(group.map((x) => x.method)).toEqual(['sendphoto', 'sendmessage']);
    const text = group[1]?.text ?? '';
    const chat = t.chats.find((c) => c.id === tg.chatId);
    const photoMessage = chat?.messages[0];
    // the caption is the post's title line: the week it shows
    expect(photoMessage?.caption).toBe(text.split('\n')[0]);
    expect(photoMessage?.caption).toBe('🏆 Рейтинг недели · 9–15 марта 2026');

    const file = await tg.control<{ contentType: string; base64: string }>('file', {
      fileId: group[0]?.fileId,
    });
    expect(file.contentType).toBe('image/png');
    const png = Buffer.from(file.base64, 'base64');
    mkdirSync(join(__dirname, '../../out'), { recursive: true });
    writeFileSync(join(__dirname, '../../out/chart-photo.png'), png);

    // the size the sheet's chart has: 420 wide, 30 px a ranked manager plus the title's room
    const week = sheetValues(rt, 'Неделя');
    const ranked = week.filter((r) => typeof r[0] === 'number' && r[2] !== '');
    const img = decodePng(png);
    expect(img.width).toBe(420);
    expect(img.height).toBe(Math.max(240, 70 + ranked.length * 30));
    expect(photoMessage?.photo?.[0]).toMatchObject({ width: img.width, height: img.height });

    // one bar of the chart's colour (#1a73e8) per manager with points: counted down the column
    // just right of the zero line, where every non-zero bar starts
    const withPoints = ranked.filter((r) => Number(r[3]) > 0).length;
    expect(withPoints).toBeGreaterThan(1);
    let zeroX = -1;
    for (let x = 0; x < img.width && zeroX < 0; x++)
      for (let y = 40; y < img.height; y++) {
        const [r, g, b] = img.rgb(x, y);
        if (r === 0x1a && g === 0x73 && b === 0xe8) {
          zeroX = x;
          break;
        }
      }
    expect(zeroX).toBeGreaterThan(100); // names take the left part
    let bars = 0;
    let inBar = false;
    for (let y = 0; y < img.height; y++) {
      const [r, g, b] = img.rgb(zeroX + 1, y);
      const blue = r === 0x1a && g === 0x73 && b === 0xe8;
      if (blue && !inBar) bars++;
      inBar = blue;
    }
    expect(bars).toBe(withPoints);
    // the names are drawn: dark text pixels left of the bars
    let ink = 0;
    for (let y = 0; y < img.height; y++)
      for (let x = 0; x < zeroX - 4; x++) if ((img.rgb(x, y)[0] ?? 255) < 120) ink++;
    expect(ink).toBeGreaterThan(ranked.length * 20);

    // again the same day: no second photo
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const again = await tg.control<Transcript>('transcript');
    expect(
      again.transcript.filter(
        (x) => x.ok && x.method === 'sendphoto' && x.chatId === String(tg.chatId),
      ),
    ).toHaveLength(1);
  });

  test("a Monday in a month's first days: the week goes alone, still with its chart above it", async () => {
    // 6 April 2026: no month to date of a few days, so the week is the Monday post
    // its own Telegram: the emulator's clock follows the runtime's, and April is weeks ahead
    const tg2 = await startTelegramEmulator();
    const { rt: early } = setUpRuntime(amo, {
      clock: new FakeClock('2026-04-06T06:00:00Z'),
      rating: { plans: [] }, // March's plans are past months by then
    });
    try {
      early.routes = [
        { host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true },
        { host: /^api\.telegram\.org$/, target: tg2.url, forwardClock: true },
      ];
      expect(early.callFromClient('connectTelegramBot', tg2.token)).toMatchObject({ ok: true });
      early.callFromClient('findTelegramChats');
      const telegram = { daily: true, monday: true, quarter: true, headDigest: false, hour: 9 };
      expect(
        early.callFromClient('saveSettingsPart', {
          telegram: { ...telegram, publicTopN: null, groupChatId: tg2.chatId, headChatId: null },
        }),
      ).toMatchObject({ ok: true });
      const before = (await tg2.control<Transcript>('transcript')).transcript.length;
      early.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
      const t = await tg2.control<Transcript>('transcript');
      const group = t.transcript
        .slice(before)
        .filter((x) => x.ok && x.chatId === String(tg2.chatId));
      const photo = group.findIndex((x) => x.method === 'sendphoto');
      expect(photo).toBeGreaterThanOrEqual(0);
      expect(group.filter((x) => x.method === 'sendphoto')).toHaveLength(1);
      // right above the week's text, captioned with its title line
      const week = group[photo + 1];
      expect(week?.method).toBe('sendmessage');
      // the title takes two lines on a phone: the caption has both
      expect(week?.text?.split('\n').slice(0, 2)).toEqual([
        '🏆 Рейтинг недели',
        '30 марта – 5 апреля 2026',
      ]);
      const chat = t.chats.find((c) => c.id === tg2.chatId);
      expect(chat?.messages.find((m) => m.photo)?.caption).toBe(
        '🏆 Рейтинг недели\n30 марта – 5 апреля 2026',
      );
    } finally {
      await early.close();
      await tg2.stop();
    }
  });

  test('the emulator refuses a photo Telegram would refuse, sent the same multipart way', async () => {
    // a PNG header of 9 500 × 600: width + height over 10 000
    const header = Buffer.alloc(33);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(header);
    header.writeUInt32BE(9500, 16);
    header.writeUInt32BE(600, 20);
    const bytes = JSON.stringify([...header].map((x) => (x > 127 ? x - 256 : x)));
    const answer = runScript(
      rt,
      `var blob = Utilities.newBlob(${bytes}, 'image/png', 'wide.png');
       var r = UrlFetchApp.fetch('https://api.telegram.org/bot${tg.token}/sendPhoto', {
         method: 'post', payload: { chat_id: '${tg.chatId}', photo: blob }, muteHttpExceptions: true });
       return r.getResponseCode() + ' ' + r.getContentText();`,
    ) as string;
    expect(answer).toMatch(/^400 /);
    expect(JSON.parse(answer.slice(4))).toMatchObject({
      ok: false,
      description: 'Bad Request: PHOTO_INVALID_DIMENSIONS',
    });
    // over 10 MB: refused before its picture is looked at
    const big = Buffer.alloc(10 * 2 ** 20 + 1);
    header.copy(big);
    big.writeUInt32BE(800, 16);
    const form = new FormData();
    form.set('chat_id', String(tg.chatId));
    form.set('photo', new Blob([big], { type: 'image/png' }), 'big.png');
    const res = await fetch(`${tg.url}/bot${tg.token}/sendPhoto`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ description: 'Bad Request: file is too big' });
    // a caption over 1024 characters
    const longCaption = runScript(
      rt,
      `var png = SpreadsheetApp.getActive().getSheetByName('Неделя').getCharts()[0].getAs('image/png');
       var r = UrlFetchApp.fetch('https://api.telegram.org/bot${tg.token}/sendPhoto', {
         method: 'post', payload: { chat_id: '${tg.chatId}', photo: png, caption: new Array(1026).join('я') },
         muteHttpExceptions: true });
       return r.getContentText();`,
    ) as string;
    expect(JSON.parse(longCaption)).toMatchObject({
      ok: false,
      description: 'Bad Request: message caption is too long',
    });
  });
});
