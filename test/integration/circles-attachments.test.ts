import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import type { TestUser } from '../helpers/factories.ts';
import { blankPng } from '../helpers/images.ts';
import {
  api,
  type Caller,
  circleWithEveryRole,
  type EveryRole,
  multipartBody,
  someClient,
} from './circles-fixture.ts';

describe('support circles: attachments of updates', () => {
  let t: TestApp;
  let call: ReturnType<typeof api>;
  let k: EveryRole;
  let photo: Buffer;
  let pdf: Buffer;

  const upload = (
    user: Caller,
    updatePath: string,
    file: { bytes: Buffer; filename: string; type: string } | null,
    alt?: string,
  ) => {
    const body = multipartBody(alt === undefined ? {} : { alt }, file);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/circles${updatePath}/attachments`,
      headers: { ...(user?.headers ?? {}), 'content-type': body.contentType },
      remoteAddress: someClient(),
      payload: body.payload,
    });
  };
  const jpegFile = () => ({ bytes: photo, filename: 'IMG_2034.jpg', type: 'image/jpeg' });
  const pdfFile = () => ({ bytes: pdf, filename: 'Arztbrief März.pdf', type: 'application/pdf' });
  const fetchAs = (user: Caller, url: string, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, headers: user?.headers ?? {}, remoteAddress: someClient() });

  async function post(user: TestUser, body: string, visibility: string) {
    const res = await call(user, 'POST', `/${k.circleId}/updates`, { body, visibility });
    assert.equal(res.statusCode, 201, res.body);
    return `/${k.circleId}/updates/${res.json().id}`;
  }
  const viewOf = async (user: TestUser, updatePath: string) =>
    (await call(user, 'GET', `/${k.circleId}/updates?limit=100`))
      .json()
      .items.find((u: { id: string }) => updatePath.endsWith(u.id));

  before(async () => {
    t = await createTestApp();
    call = api(t);
    k = await circleWithEveryRole(t);
    photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#2a7' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Wohnung Familie K.', Artist: 'Handy von Sabine' } })
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif, 'the test photo carries EXIF');
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Arztbrief');
    pdf = Buffer.from(await doc.save());
  });
  after(() => t.close());

  test('an image is re-encoded without its metadata; a PDF is kept as it is and only ever downloaded', async () => {
    const update = await post(k.helper, 'Papa im Garten, und der neue Arztbrief.', 'all_members');
    const img = await upload(k.helper, update, jpegFile(), '  Herr K. sitzt im Garten\nunter dem Apfelbaum ');
    assert.equal(img.statusCode, 201, img.body);
    const a = img.json();
    assert.equal(a.kind, 'image');
    assert.equal(a.name, 'IMG_2034.webp');
    assert.equal(a.alt, 'Herr K. sitzt im Garten unter dem Apfelbaum');
    assert.deepEqual([a.width, a.height], [1600, 1067]);
    assert.equal(a.thumbUrl, `${a.url}?size=thumb`);

    const full = await fetchAs(k.viewer, a.url);
    assert.equal(full.statusCode, 200);
    assert.equal(full.headers['content-type'], 'image/webp');
    assert.equal(full.headers['x-content-type-options'], 'nosniff');
    assert.match(String(full.headers['cache-control']), /private/);
    assert.match(String(full.headers['content-disposition']), /^inline; filename="IMG_2034\.webp"/);
    assert.equal(full.rawPayload.length, a.size);
    const meta = await sharp(full.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.exif, undefined, 'no EXIF (camera, position) left');
    const thumb = await sharp((await fetchAs(k.viewer, a.thumbUrl)).rawPayload).metadata();
    assert.equal(thumb.width, 400);

    const doc = await upload(k.helper, update, pdfFile());
    assert.equal(doc.statusCode, 201, doc.body);
    assert.equal(doc.json().kind, 'pdf');
    assert.equal(doc.json().name, 'Arztbrief März.pdf');
    assert.equal(doc.json().thumbUrl, null);
    const file = await fetchAs(k.viewer, doc.json().url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.equal(file.headers['x-content-type-options'], 'nosniff');
    assert.equal(
      file.headers['content-disposition'],
      `attachment; filename="Arztbrief M_rz.pdf"; filename*=UTF-8''Arztbrief%20M%C3%A4rz.pdf`,
    );
    assert.ok(file.rawPayload.equals(pdf), 'the PDF is stored byte for byte');
    assert.equal((await fetchAs(k.viewer, `${doc.json().url}?size=thumb`)).statusCode, 404);

    const view = await viewOf(k.viewer, update);
    assert.deepEqual(
      view.attachments.map((x: { kind: string; name: string; abilities: { delete: boolean } }) => [
        x.kind,
        x.name,
        x.abilities.delete,
      ]),
      [
        ['image', 'IMG_2034.webp', false],
        ['pdf', 'Arztbrief März.pdf', false],
      ],
    );
    assert.equal((await viewOf(k.helper, update)).attachments[0].abilities.delete, true, 'the author may');
    assert.equal((await viewOf(k.owner, update)).attachments[0].abilities.delete, true, 'the owner may');
  });

  test('wrong kinds, missing descriptions, too large, too many and other people’s updates are refused', async () => {
    const update = await post(k.coordinator, 'Unterlagen für den Pflegegrad', 'all_members');
    const expectProblem = async (res: Awaited<ReturnType<typeof upload>>, status: number, code: string) => {
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().code, code);
    };
    await expectProblem(
      await upload(k.coordinator, update, {
        bytes: Buffer.from('Hallo'),
        filename: 'a.txt',
        type: 'text/plain',
      }),
      415,
      'circle.attachment_type',
    );
    // the name and the declared type do not count, only the bytes
    await expectProblem(
      await upload(k.coordinator, update, {
        bytes: Buffer.from('<html><script>alert(1)</script>'),
        filename: 'brief.pdf',
        type: 'application/pdf',
      }),
      415,
      'circle.attachment_type',
    );
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    await expectProblem(
      await upload(k.coordinator, update, { bytes: gif, filename: 'a.gif', type: 'image/gif' }, 'Ein Bild'),
      415,
      'circle.attachment_type',
    );
    await expectProblem(await upload(k.coordinator, update, null, 'x'), 415, 'circle.attachment_type');
    const json = await call(k.coordinator, 'POST', `${update}/attachments`, { file: 'x' });
    assert.equal(json.statusCode, 415);
    const noAlt = await upload(k.coordinator, update, jpegFile(), '   ');
    await expectProblem(noAlt, 422, 'circle.attachment_alt_required');
    assert.equal(noAlt.json().errors[0].field, '/alt');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(10 * 1024 * 1024)]);
    const tooLarge = await upload(k.coordinator, update, {
      bytes: big,
      filename: 'scan.pdf',
      type: 'application/pdf',
    });
    await expectProblem(tooLarge, 413, 'circle.attachment_too_large');
    assert.match(tooLarge.json().title, /10 MB/);
    // a few kilobytes, but 48 megapixels once decoded: refused by its header, with what to do about it
    const huge = await upload(
      k.coordinator,
      update,
      { bytes: blankPng(8000, 6000), filename: 'Panorama.png', type: 'image/png' },
      'Panorama vom Balkon',
    );
    await expectProblem(huge, 422, 'upload.image_too_many_pixels');
    assert.match(huge.json().title, /40/);

    // only the author adds files to an update, and only those who may post at all
    await expectProblem(await upload(k.owner, update, pdfFile()), 403, 'circle.attachment_not_author');
    assert.equal((await upload(k.viewer, update, pdfFile())).statusCode, 403);
    for (const outsider of [k.orgMember, k.instanceAdmin, null])
      assert.equal((await upload(outsider, update, pdfFile())).statusCode, 404);

    for (let i = 0; i < 5; i++)
      assert.equal((await upload(k.coordinator, update, pdfFile())).statusCode, 201);
    const sixth = await upload(k.coordinator, update, pdfFile());
    await expectProblem(sixth, 409, 'circle.attachment_limit');
    assert.match(sixth.json().title, /höchstens 5 Anhänge/);
    // a place freed is a place to fill again
    const [first] = (await viewOf(k.coordinator, update)).attachments;
    assert.equal((await fetchAs(k.coordinator, first.url)).statusCode, 200);
    assert.equal(
      (await call(k.coordinator, 'DELETE', first.url.replace('/api/v1/circles', ''))).statusCode,
      204,
    );
    assert.equal((await upload(k.coordinator, update, pdfFile())).statusCode, 201);
    assert.equal((await viewOf(k.coordinator, update)).attachments.length, 5);
  });

  test('uploads at the same time cannot pass the limit', async () => {
    const update = await post(k.coordinator, 'Viele Fotos', 'all_members');
    const answers = await Promise.all(
      Array.from({ length: 7 }, () => upload(k.coordinator, update, pdfFile())),
    );
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 201, 201, 201, 201, 409, 409]);
    const rows = await t.db
      .selectFrom('circle_attachment')
      .select('position')
      .where('update_id', '=', update.split('/').pop()!)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.position),
      [0, 1, 2, 3, 4],
    );
  });

  test('an attachment is seen by exactly those who see its update; everyone else gets 404', async () => {
    const ownerOnly = await post(k.owner, 'Mein Testament liegt beim Notar.', 'owner_only');
    const own = (await upload(k.owner, ownerOnly, pdfFile())).json();
    const internal = await post(k.coordinator, 'Gutachten des MD', 'coordinators_professionals');
    const gutachten = (await upload(k.coordinator, internal, pdfFile())).json();

    assert.equal((await fetchAs(k.proxy, own.url)).statusCode, 200, 'the proxy is an owner too');
    for (const u of [k.helper, k.coordinator, k.professional, k.viewer, k.orgMember, k.instanceAdmin, null])
      assert.equal((await fetchAs(u, own.url)).statusCode, 404, `${u?.displayName ?? 'anonymous'}`);
    for (const u of [k.coordinator, k.professional, k.owner])
      assert.equal((await fetchAs(u, gutachten.url)).statusCode, 200, u.displayName);
    for (const u of [k.helper, k.viewer, k.orgMember, k.instanceAdmin, null])
      assert.equal((await fetchAs(u, gutachten.url)).statusCode, 404, `${u?.displayName ?? 'anonymous'}`);
    // nor can they remove it, or learn that it exists
    assert.equal((await call(k.helper, 'DELETE', own.url.replace('/api/v1/circles', ''))).statusCode, 404);
    // an attachment id under another update or another circle is not found either
    assert.equal((await fetchAs(k.owner, gutachten.url.replace(internal, ownerOnly))).statusCode, 404);
    const other = await call(k.helper, 'POST', '/', { personLabel: 'Nachbar selbst' });
    assert.equal(other.statusCode, 201, other.body);
    assert.equal((await fetchAs(k.owner, own.url.replace(k.circleId, other.json().id))).statusCode, 404);
  });

  test('who may remove an attachment: whoever added it or may delete the update; gone with the update', async () => {
    const update = await post(k.helper, 'Fotos vom Ausflug', 'all_members');
    const urls: string[] = [];
    for (let i = 0; i < 3; i++)
      urls.push(
        (await upload(k.helper, update, jpegFile(), `Ausflug ${i}`))
          .json()
          .url.replace('/api/v1/circles', ''),
      );
    assert.equal((await call(k.viewer, 'DELETE', urls[0]!)).statusCode, 403);
    assert.equal((await call(k.coordinator, 'DELETE', urls[0]!)).statusCode, 403);
    assert.equal((await call(k.helper, 'DELETE', urls[0]!)).statusCode, 204);
    assert.equal((await call(k.helper, 'DELETE', urls[0]!)).statusCode, 404);
    assert.equal((await call(k.proxy, 'DELETE', urls[1]!)).statusCode, 204);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', k.circleId)
      .where('action', 'like', 'circle.attachment_%')
      .execute();
    assert.ok(audit.some((e) => e.action === 'circle.attachment_added'));
    const updateId = update.split('/').pop();
    assert.equal(
      audit.filter(
        (e) =>
          e.action === 'circle.attachment_removed' &&
          (typeof e.details === 'string' ? JSON.parse(e.details) : e.details).updateId === updateId,
      ).length,
      2,
    );
    assert.ok(
      audit.every((e) => !JSON.stringify(e.details).includes('Ausflug')),
      'the audit trail outlives a purge, so it holds ids, not names or descriptions',
    );

    assert.equal((await call(k.helper, 'DELETE', update)).statusCode, 204);
    assert.equal((await fetchAs(k.helper, `/api/v1/circles${urls[2]}`)).statusCode, 404);
    const left = await t.db
      .selectFrom('circle_attachment')
      .select('id')
      .where('update_id', '=', update.split('/').pop()!)
      .execute();
    assert.equal(left.length, 0, 'deleting the update deleted its files');
  });

  test('every download by a professional is in the access log, HEAD included', async () => {
    const fileRoute = '/:id/updates/:updateId/attachments/:attachmentId';
    const accessLog = async () =>
      (await call(k.owner, 'GET', `/${k.circleId}/access-log?limit=100`)).json().items as {
        action: string;
        actor: { name: string } | null;
        what: string;
        count: number;
      }[];
    const visitBefore =
      (await accessLog()).find((e) => e.action === 'circle.read' && e.what === fileRoute)?.count ?? 0;
    const update = await post(k.coordinator, 'Pflegeplan', 'coordinators_professionals');
    const plan = (await upload(k.coordinator, update, pdfFile())).json();
    const before = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'circle.read')
      .where('actor_id', '=', k.professional.id)
      .execute();
    assert.equal((await fetchAs(k.professional, plan.url)).statusCode, 200);
    const head = await fetchAs(k.professional, plan.url, 'HEAD');
    assert.equal(head.statusCode, 200);
    assert.match(String(head.headers['content-disposition']), /attachment/);
    assert.equal((await fetchAs(k.coordinator, plan.url)).statusCode, 200, 'a coordinator is not logged');
    const log = await accessLog();
    // newest first: the two reads of the file are the last things that happened, and they belong to
    // the professional's visit of the attachments (with the reads of the tests before, if any)
    const [newest] = log;
    assert.deepEqual(newest && [newest.action, newest.actor?.name, newest.what, newest.count], [
      'circle.read',
      'Pflegedienst',
      fileRoute,
      visitBefore + 2,
    ]);
    const after = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'circle.read')
      .where('actor_id', '=', k.professional.id)
      .execute();
    assert.equal(after.length - before.length, 2);
  });

  test('a frozen circle: the owner still reads its files, nobody else; nobody adds or removes any', async () => {
    const fx = await circleWithEveryRole(t);
    const update = `/${fx.circleId}/updates/${
      (
        await call(fx.helper, 'POST', `/${fx.circleId}/updates`, { body: 'Foto', visibility: 'all_members' })
      ).json().id
    }`;
    const a = (await upload(fx.helper, update, jpegFile(), 'Ein Foto')).json();
    const withdrawn = await call(fx.owner, 'POST', `/${fx.circleId}/consents`, {
      kind: 'withdrawn',
      givenBy: 'person',
      method: 'in_person',
      scope: [],
    });
    assert.equal(withdrawn.statusCode, 201, withdrawn.body);
    assert.equal((await fetchAs(fx.owner, a.url)).statusCode, 200);
    assert.equal((await fetchAs(fx.helper, a.url)).statusCode, 404);
    assert.equal((await fetchAs(fx.coordinator, a.url)).statusCode, 404);
    assert.equal((await upload(fx.helper, update, pdfFile())).statusCode, 404);
    const ownUpdate = (await call(fx.owner, 'GET', `/${fx.circleId}/updates`)).json().items[0];
    assert.equal(ownUpdate.attachments[0].abilities.delete, false);
    assert.equal((await call(fx.owner, 'DELETE', a.url.replace('/api/v1/circles', ''))).statusCode, 409);
  });
});
