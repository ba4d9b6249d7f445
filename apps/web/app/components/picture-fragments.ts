import { graphql } from '../graphql';

/**
 * What `Picture` shows of an uploaded picture: its size and the URLs of its three widths (PICTURE_WIDTHS), the same
 * for a logo (`Media`) and a product photo (`ProductImage`).
 */
export const LOGO_FILES = graphql(`
  fragment LogoFiles on Media @_unmask {
    width
    height
    widths
    small: url(width: 320)
    medium: url(width: 800)
    large: url(width: 1600)
  }
`);

export const PRODUCT_IMAGE_FILES = graphql(`
  fragment ProductImageFiles on ProductImage @_unmask {
    width
    height
    widths
    small: url(width: 320)
    medium: url(width: 800)
    large: url(width: 1600)
  }
`);
