import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import request from 'supertest';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';
import { createTempDir } from './support/test-services';

/** A PNG whose header claims `width` × `height` pixels, with almost no data: a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1000))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const ADD_IMAGE =
  'mutation ($p: ID!, $m: ID!, $alt: String!) { addProductImage(productId: $p, mediaId: $m, alt: $alt) { id images { id alt width height widths url small: url(width: 300) } } }';

describe('product photos: POST /media, then addProductImage (PostgreSQL)', () => {
  const dataDir = createTempDir('media');
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let farmer: TestSession;
  let stranger: TestSession;
  let producerId: string;
  let otherProducerId: string;
  let productId: string;
  let jpegWithGps: Buffer;

  const mediaDir = () => join(dataDir.path, 'media');
  const filesOnDisk = () => (existsSync(mediaDir()) ? readdirSync(mediaDir()).length : 0);
  const mediaRows = async () =>
    Number((await stack.em.fork().execute<{ count: string }[]>('select count(*) as count from media'))[0].count);
  const upload = (
    session: TestSession | undefined,
    organizationId: string | undefined,
    file: Buffer | undefined,
    filename = 'photo.jpg',
  ) => {
    const req = request(stack.api.getHttpServer()).post('/media');
    if (session) req.set('authorization', `Bearer ${session.accessToken}`);
    if (organizationId) req.field('organizationId', organizationId);
    if (file) req.attach('file', file, filename);
    return req;
  };

  beforeAll(async () => {
    stack = await startProductionStack('media', { DATA_DIR: dataDir.path }, { withWorker: false });
    farmer = await registerUser(stack.api, 'farmer');
    stranger = await registerUser(stack.api, 'stranger');
    producerId = await producerAt(stack.api, farmer, 'Ferme des Photos', PLACES.gueret);
    otherProducerId = await producerAt(stack.api, stranger, 'Ferme Voisine', PLACES.limoges);
    productId = (
      await createProduct(stack.api, farmer, {
        producerId,
        name: 'Comté AOP 18 mois',
        category: 'DAIRY_CHEESE',
        priceCents: 2400,
      })
    ).id;
    jpegWithGps = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#c9a13b' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'TestCam', Model: 'Pocket' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '46/1 9/1 30/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '1/1 52/1 12/1',
        },
      })
      .toBuffer();
  });

  afterAll(async () => {
    await stack.close();
    dataDir.remove();
  });

  it('re-encodes a JPEG to WebP at 320, 800 and 1600 px, with its EXIF and GPS position gone, served with long cache headers', async () => {
    const exifIn = (await sharp(jpegWithGps).metadata()).exif;
    expect(exifIn?.toString('latin1')).toContain('TestCam'); // the test's picture does carry EXIF (with its GPS IFD)

    const response = await upload(farmer, producerId, jpegWithGps).expect(201);
    expect(response.body).toMatchObject({
      widths: [320, 800, 1600],
      width: 1600,
      height: 1200,
      url: `/media/${response.body.id}/1600.webp`,
    });
    for (const width of [320, 800, 1600]) {
      const file = await request(stack.api.getHttpServer())
        .get(`/media/${response.body.id}/${width}.webp`)
        .buffer(true)
        .parse((res, done) => {
          const parts: Buffer[] = [];
          res.on('data', (part: Buffer) => parts.push(part));
          res.on('end', () => done(null, Buffer.concat(parts)));
        })
        .expect(200);
      expect(file.headers['content-type']).toBe('image/webp');
      expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(file.body as Buffer).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width });
      expect(metadata.exif).toBeUndefined();
      expect((file.body as Buffer).includes(Buffer.from('TestCam'))).toBe(false);
    }
  });

  it('keeps a small picture at its own width, never enlarged', async () => {
    const png = await sharp({ create: { width: 500, height: 400, channels: 4, background: '#336699' } })
      .png()
      .toBuffer();
    const response = await upload(farmer, producerId, png, 'small.png').expect(201);
    expect(response.body).toMatchObject({ widths: [320, 500], width: 500, height: 400 });
  });

  it.each([
    ['a text file', () => Buffer.from('Ceci n’est pas une image.'), 'notes.jpg', 'JPEG, PNG or WebP'],
    ['a truncated JPEG', () => jpegWithGps.subarray(0, 2000), 'cut.jpg', 'JPEG, PNG or WebP'],
    [
      'a GIF',
      () =>
        Buffer.from(
          'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
          'latin1',
        ),
      'a.gif',
      'JPEG, PNG or WebP',
    ],
    ['a file over 8 MB', () => Buffer.concat([jpegWithGps, Buffer.alloc(8 * 1024 * 1024)]), 'big.jpg', '8 MB'],
    [
      'a decompression bomb (a PNG claiming 20,000 × 20,000 pixels)',
      () => pngClaiming(20_000, 20_000),
      'bomb.png',
      'too many pixels',
    ],
  ])(
    'refuses %s with BAD_USER_INPUT on the field file, and leaves no file or row',
    async (_what, file, filename, message) => {
      const [filesBefore, rowsBefore] = [filesOnDisk(), await mediaRows()];
      const response = await upload(farmer, producerId, file(), filename).expect(400);
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
      expect(response.body.errors[0].message).toContain(message);
      expect([filesOnDisk(), await mediaRows()]).toEqual([filesBefore, rowsBefore]);
    },
  );

  it('refuses an upload without a file, without a producer, or without a token', async () => {
    expect((await upload(farmer, producerId, undefined).expect(400)).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
    });
    expect((await upload(farmer, undefined, jpegWithGps).expect(400)).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organizationId',
    });
    const anonymous = await upload(undefined, producerId, jpegWithGps).expect(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("lets only a producer's members upload for it: another producer's member, or a business, gets NOT_FOUND and leaves nothing", async () => {
    const [filesBefore, rowsBefore] = [filesOnDisk(), await mediaRows()];
    expect((await upload(stranger, producerId, jpegWithGps).expect(404)).body.errors[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const business = await createOrganization(stack.api, stranger.accessToken, 'BUSINESS', 'Le Bistrot');
    expect((await upload(stranger, business.id, jpegWithGps).expect(404)).body.errors[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    expect([filesOnDisk(), await mediaRows()]).toEqual([filesBefore, rowsBefore]);
  });

  it('attaches, orders and removes photos; only the producer’s members may, and only with its own media', async () => {
    const first = (await upload(farmer, producerId, jpegWithGps).expect(201)).body.id as string;
    const second = (
      await upload(
        farmer,
        producerId,
        await sharp({ create: { width: 900, height: 900, channels: 3, background: '#225522' } })
          .webp()
          .toBuffer(),
        'b.webp',
      ).expect(201)
    ).body.id as string;
    const strangersMedia = (await upload(stranger, otherProducerId, jpegWithGps).expect(201)).body.id as string;

    const added = await graphql<{
      addProductImage: {
        images: {
          id: string;
          alt: string;
          width: number;
          height: number;
          widths: number[];
          url: string;
          small: string;
        }[];
      };
    }>(stack.api, ADD_IMAGE, { p: productId, m: first, alt: 'Une meule de comté entamée' }, farmer.accessToken);
    expect(added.data!.addProductImage.images).toEqual([
      expect.objectContaining({
        alt: 'Une meule de comté entamée',
        width: 1600,
        height: 1200,
        widths: [320, 800, 1600],
        url: `/media/${first}/1600.webp`,
        small: `/media/${first}/320.webp`,
      }),
    ]);
    await graphql(stack.api, ADD_IMAGE, { p: productId, m: second, alt: 'Le comté à la coupe' }, farmer.accessToken);

    const imageCount = async () =>
      Number(
        (await stack.em.fork().execute<{ count: string }[]>('select count(*) as count from product_image'))[0].count,
      );
    const before = await imageCount();
    // Someone else, on this product; the producer, with another producer's media; an empty alternative text.
    const refusals = [
      [
        await graphql(stack.api, ADD_IMAGE, { p: productId, m: first, alt: 'Photo' }, stranger.accessToken),
        'NOT_FOUND',
        undefined,
      ],
      [
        await graphql(stack.api, ADD_IMAGE, { p: productId, m: strangersMedia, alt: 'Photo' }, farmer.accessToken),
        'NOT_FOUND',
        'mediaId',
      ],
      [
        await graphql(stack.api, ADD_IMAGE, { p: productId, m: first, alt: '   ' }, farmer.accessToken),
        'BAD_USER_INPUT',
        'alt',
      ],
    ] as const;
    for (const [response, code, field] of refusals) {
      expect(response.errors?.[0].extensions.code).toBe(code);
      if (field) expect(response.errors?.[0].extensions.field).toBe(field);
    }
    expect(await imageCount()).toBe(before);

    const IMAGES = 'query ($slug: String!) { productBySlug(slug: $slug) { images { id alt } } }';
    const images = async () =>
      (
        await graphql<{ productBySlug: { images: { id: string; alt: string }[] } }>(stack.api, IMAGES, {
          slug: 'comte-aop-18-mois',
        })
      ).data!.productBySlug.images;
    const [one, two] = await images();
    expect([one.alt, two.alt]).toEqual(['Une meule de comté entamée', 'Le comté à la coupe']);

    const MOVE =
      'mutation ($id: ID!, $position: Int!) { moveProductImage(id: $id, position: $position) { images { id } } }';
    expect(
      (await graphql(stack.api, MOVE, { id: two.id, position: 5 }, farmer.accessToken)).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'position' });
    expect(
      (await graphql(stack.api, MOVE, { id: two.id, position: 0 }, stranger.accessToken)).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect((await images()).map((image) => image.id)).toEqual([one.id, two.id]);
    await graphql(stack.api, MOVE, { id: two.id, position: 0 }, farmer.accessToken);
    expect((await images()).map((image) => image.id)).toEqual([two.id, one.id]);
    // Lists show the first photo: its alternative text and one file, without the whole list of photos.
    const cover = await graphql<{ productBySlug: { coverAlt: string; coverUrl: string } }>(
      stack.api,
      '{ productBySlug(slug: "comte-aop-18-mois") { coverAlt coverUrl(width: 320) } }',
    );
    expect(cover.data!.productBySlug).toEqual({
      coverAlt: 'Le comté à la coupe',
      coverUrl: `/media/${second}/320.webp`,
    });

    const REMOVE = 'mutation ($id: ID!) { removeProductImage(id: $id) { images { id } } }';
    expect((await graphql(stack.api, REMOVE, { id: two.id }, stranger.accessToken)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const removed = await graphql<{ removeProductImage: { images: { id: string }[] } }>(
      stack.api,
      REMOVE,
      { id: two.id },
      farmer.accessToken,
    );
    expect(removed.data!.removeProductImage.images.map((image) => image.id)).toEqual([one.id]);
    expect((await graphql(stack.api, REMOVE, { id: two.id }, farmer.accessToken)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('has no cover for a product without photos', async () => {
    const bare = await createProduct(stack.api, farmer, {
      producerId,
      name: 'Tomme sans photo',
      category: 'DAIRY_CHEESE',
      priceCents: 1500,
    });
    const response = await graphql<{ product: { coverAlt: null; coverUrl: null; images: [] } }>(
      stack.api,
      'query ($id: ID!) { product(id: $id) { coverAlt coverUrl images { id } } }',
      { id: bare.id },
    );
    expect(response.data!.product).toEqual({ coverAlt: null, coverUrl: null, images: [] });
  });

  it('answers 404 for a file that is not there, and reads nothing outside the media directory', async () => {
    await request(stack.api.getHttpServer()).get('/media/00000000-0000-4000-8000-000000000000/320.webp').expect(404);
    await request(stack.api.getHttpServer()).get('/media/..%2F..%2Fetc/passwd').expect(404);
    await request(stack.api.getHttpServer())
      .get('/media/00000000-0000-4000-8000-000000000000/..%2F..%2Fancrage.sqlite')
      .expect(404);
  });
});
