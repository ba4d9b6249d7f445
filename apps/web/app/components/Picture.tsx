/**
 * An uploaded picture (a product photo, a logo) as the API serves it: WebP files of a few widths (`url(width)`).
 * The page asks for the three widths' URLs (picture-fragments.ts) and the browser picks one with `srcset`; pictures below
 * the fold load lazily. Width and height are given so that the page does not jump when it arrives.
 */
export interface PictureData {
  alt?: string;
  width: number;
  height: number;
  widths: number[];
  small: string;
  medium: string;
  large: string;
}

/** The widths asked for: `small`, `medium` and `large` of the fragments in picture-fragments.ts. */
export const PICTURE_WIDTHS = [320, 800, 1600] as const;

/** The width of the file `url(width: requested)` answers: the narrowest at least that wide, else the widest. */
const servedWidth = (widths: number[], requested: number) =>
  widths.find((width) => width >= requested) ?? widths.at(-1) ?? requested;

export function srcSetOf(picture: PictureData): string {
  const entries = new Map<string, number>();
  [picture.small, picture.medium, picture.large].forEach((url, index) =>
    entries.set(url, servedWidth(picture.widths, PICTURE_WIDTHS[index])),
  );
  return [...entries].map(([url, width]) => `${url} ${width}w`).join(', ');
}

export function Picture({
  picture,
  alt,
  sizes,
  className,
  eager = false,
}: {
  picture: PictureData;
  alt?: string;
  sizes: string;
  className?: string;
  eager?: boolean;
}) {
  return (
    <img
      className={className}
      src={picture.medium}
      srcSet={srcSetOf(picture)}
      sizes={sizes}
      width={picture.width}
      height={picture.height}
      alt={alt ?? picture.alt ?? ''}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
