import sharp from 'sharp';

/** A colour per category, from the design tokens' palette: the demo's pictures tell the shelves apart at a glance. */
const COLOURS: Record<string, [string, string]> = {
  FRESH_VEGETABLES: ['#2f6b3a', '#8fbf6a'],
  FRESH_FRUITS: ['#b3412f', '#f2a65a'],
  MEAT_CHARCUTERIE: ['#7a2631', '#d9776b'],
  DAIRY_CHEESE: ['#b08a2e', '#f4dc8a'],
  EGGS: ['#a9742c', '#f3d3a0'],
  BAKERY: ['#8a5a2b', '#e3b57c'],
  BEVERAGES: ['#5a2d6b', '#b98bd1'],
  DRY_GROCERIES: ['#6b5a2d', '#d8c890'],
  CRAFTS_NON_FOOD: ['#2d4f6b', '#8fb3d1'],
};

const initialsOf = (name: string) =>
  name
    .split(/[\s'’-]+/)
    .filter((word) => word.length > 2 || /^\d/.test(word))
    .slice(0, 2)
    .map((word) => word[0].toUpperCase())
    .join('') || name.slice(0, 2).toUpperCase();

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * A demo product's picture, drawn here (nothing downloaded): its category's colours and its initials, as the
 * WebP variants `POST /media` would have stored (320 and 800 px wide, 4:3), drawn at each width.
 */
export async function demoPicture(
  name: string,
  category: string,
): Promise<{ width: number; height: number; data: Buffer }[]> {
  const [dark, light] = COLOURS[category] ?? ['#444444', '#bbbbbb'];
  const svgAt = (
    width: number,
  ) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${(width * 3) / 4}" viewBox="0 0 800 600">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
    <rect width="800" height="600" fill="url(#g)"/>
    <circle cx="640" cy="120" r="190" fill="#ffffff" fill-opacity="0.12"/>
    <circle cx="120" cy="540" r="230" fill="#000000" fill-opacity="0.08"/>
    <text x="400" y="360" text-anchor="middle" font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" font-size="220" font-weight="700" fill="#ffffff" fill-opacity="0.92">${escapeXml(initialsOf(name))}</text>
  </svg>`;
  return Promise.all(
    [320, 800].map(async (width) => {
      const { data, info } = await sharp(Buffer.from(svgAt(width)))
        .webp({ quality: 70, effort: 0 })
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, data };
    }),
  );
}
