import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { blankPng } from '../../test/helpers/images.ts';
import { Problem } from '../http/problem.ts';
import {
  cleanFileName,
  cleanText,
  contentDisposition,
  imageFormat,
  isPdf,
  maxImagePixels,
  processImage,
} from './uploads.ts';

const wrongType = () => new Problem(415, 'resource.photo_type');

describe('upload rules', () => {
  test('a file name keeps only what is safe to show and to save', () => {
    assert.equal(cleanFileName('Befund März.pdf', 'pdf', 'Dokument'), 'Befund März.pdf');
    assert.equal(cleanFileName('C:\\Users\\petra\\Desktop\\Rezept.JPG', 'webp', 'Bild'), 'Rezept.webp');
    assert.equal(cleanFileName('../../etc/passwd', 'pdf', 'Dokument'), 'passwd.pdf');
    // a right-to-left override would show "Rechnung‮fdp.exe" as "Rechnungexe.pdf"
    assert.equal(cleanFileName('Rechnung\u202Efdp.exe', 'pdf', 'Dokument'), 'Rechnung fdp.pdf');
    assert.equal(cleanFileName('a"b<c>|*?.pdf', 'pdf', 'Dokument'), 'abc.pdf');
    assert.equal(cleanFileName('...', 'pdf', 'Dokument'), 'Dokument.pdf');
    assert.equal(cleanFileName('', 'webp', 'Bild'), 'Bild.webp');
    assert.equal(cleanFileName(`${'x'.repeat(300)}.pdf`, 'pdf', 'Dokument').length, 104);
    assert.equal(cleanFileName(`${'😀'.repeat(150)}.pdf`, 'pdf', 'D'), `${'😀'.repeat(100)}.pdf`);
  });

  test('a description becomes one clean line of bounded length', () => {
    assert.equal(cleanText('  Papa\nim  Garten\u0000 ', 300), 'Papa im Garten');
    assert.equal(cleanText('x'.repeat(400), 300).length, 300);
  });

  test('the download header carries an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(
      contentDisposition('attachment', 'Überweisung (März).pdf'),
      `attachment; filename="_berweisung (M_rz).pdf"; filename*=UTF-8''%C3%9Cberweisung%20%28M%C3%A4rz%29.pdf`,
    );
  });

  test('the kind is read from the bytes', async () => {
    assert.ok(isPdf(Buffer.from('%PDF-1.7\n…')));
    assert.ok(!isPdf(Buffer.from('%PD')));
    assert.ok(!isPdf(Buffer.from('<html>%PDF-')));
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    assert.equal(await imageFormat(png), 'png');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    assert.equal(await imageFormat(gif), null, 'GIF is not one of the accepted formats');
    assert.equal(await imageFormat(Buffer.from('%PDF-1.7')), null);
  });

  test('an image whose header is right but whose data is cut off is refused, not a server error', async () => {
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c03' } })
      .jpeg()
      .toBuffer();
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));
    assert.equal(await imageFormat(truncated), 'jpeg', 'the header alone looks fine');
    await assert.rejects(
      processImage(truncated, wrongType),
      (e: unknown) => e instanceof Problem && e.status === 415,
    );
  });
});

describe('the pixel limit of images', () => {
  test('an image of more than 40 megapixels is refused with its own 422 before it is decoded; one just under passes', async () => {
    const huge = blankPng(8000, 6000);
    assert.ok(huge.length < 100_000, `${huge.length} bytes on disk for 48 megapixels`);
    assert.equal(await imageFormat(huge), 'png');
    await assert.rejects(processImage(huge, wrongType), (e: unknown) => {
      assert.ok(e instanceof Problem);
      assert.equal(e.status, 422);
      assert.equal(e.code, 'upload.image_too_many_pixels');
      assert.deepEqual(e.params, { megapixels: maxImagePixels / 1_000_000 });
      return true;
    });
    // beyond sharp's own default limit (16383 × 16383): still told as too many pixels, not as a wrong kind
    await assert.rejects(processImage(blankPng(16_384, 16_384), wrongType), (e: unknown) => {
      return e instanceof Problem && e.code === 'upload.image_too_many_pixels';
    });
    const justUnder = await processImage(blankPng(8000, 5000), wrongType);
    assert.deepEqual([justUnder.width, justUnder.height], [1600, 1000]);
    assert.equal((await sharp(justUnder.bytes).metadata()).format, 'webp');
  });
});
