import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../../../../test/helpers/app.ts';
import { createUser, type TestUser } from '../../../../../test/helpers/factories.ts';
import { blankPng } from '../../../../../test/helpers/images.ts';

function multipart(alt: string | null, file: Buffer | null, filename = 'foto.jpg') {
  const boundary = `----kp${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  if (alt !== null)
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\n${alt}\r\n`));
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      file,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('resource photos', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let resourceId: string;
  let jpeg: Buffer;

  const upload = (user: TestUser, body: ReturnType<typeof multipart>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/resources/${resourceId}/photos`,
      headers: { ...user.headers, 'content-type': body.contentType },
      payload: body.payload,
    });

  before(async () => {
    t = await createTestApp();
    owner = await createUser(t);
    other = await createUser(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/resources',
      headers: owner.headers,
      payload: { kind: 'equipment', title: 'Lastenrad', lat: 51.34, lng: 12.37 },
    });
    resourceId = res.json().id;
    jpeg = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#c03' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Wohnung Familie K.', Artist: 'Handy von Petra' } })
      .toBuffer();
    assert.ok((await sharp(jpeg).metadata()).exif, 'the test photo carries EXIF');
  });
  after(() => t.close());

  test('an upload is resized, re-encoded as WebP and stripped of its metadata', async () => {
    const res = await upload(owner, multipart('Rotes Lastenrad vor dem Zentrum', jpeg));
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual([res.json().width, res.json().height], [1600, 1067]);
    const img = await t.app.inject({ method: 'GET', url: res.json().url });
    assert.equal(img.headers['content-type'], 'image/webp');
    const meta = await sharp(img.rawPayload).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.exif, undefined);
    const thumb = await sharp(
      (await t.app.inject({ method: 'GET', url: res.json().thumbUrl })).rawPayload,
    ).metadata();
    assert.equal(thumb.width, 400);
    const view = (await t.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}` })).json();
    assert.equal(view.photos[0].alt, 'Rotes Lastenrad vor dem Zentrum');
  });

  test('not an image, too large, without a description, or by someone else: refused', async () => {
    const text = await upload(owner, multipart('Text', Buffer.from('kein Bild'), 'a.jpg'));
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().code, 'resource.photo_type');
    const big = await upload(owner, multipart('Groß', randomBytes(10 * 1024 * 1024 + 1)));
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'resource.photo_too_large');
    const noAlt = await upload(owner, multipart(null, jpeg));
    assert.equal(noAlt.statusCode, 422);
    assert.equal(noAlt.json().code, 'resource.photo_alt_required');
    assert.equal((await upload(other, multipart('Fremd', jpeg))).statusCode, 403);
  });

  test('an image of more pixels than the server decodes is refused with a message saying so, and nothing is stored', async () => {
    const before = (await t.db.selectFrom('resource_photo').select('id').execute()).length;
    // 48 megapixels in a few kilobytes
    const res = await upload(owner, multipart('Luftbild', blankPng(8000, 6000), 'luftbild.png'));
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'upload.image_too_many_pixels');
    assert.match(res.json().title, /40 Megapixel/);
    assert.equal((await t.db.selectFrom('resource_photo').select('id').execute()).length, before);
    const fits = await upload(owner, multipart('Luftbild, kleiner', blankPng(8000, 5000), 'luftbild.png'));
    assert.equal(fits.statusCode, 201, fits.body);
  });
});
