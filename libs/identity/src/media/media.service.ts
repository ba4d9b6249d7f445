import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { OrganizationKind } from '../entities/organization.entity';
import { AccessPolicy } from '../organizations/access-policy.service';
import { Media } from './media.entity';
import { processImage } from './image-processing';

/** The path a media's file of `width` is served at. */
export const mediaPath = (id: string, width: number) => `/media/${id}/${width}.webp`;

/** The URL of the narrowest file at least `width` wide (the widest when none is), or of the widest without `width`. */
export function mediaUrl(media: { id: string; widths: number[] }, width?: number | null): string {
  const chosen = width
    ? (media.widths.find((candidate) => candidate >= width) ?? media.widths.at(-1)!)
    : media.widths.at(-1)!;
  return mediaPath(media.id, chosen);
}

/** Pictures organizations upload (product photos, logos): checked, re-encoded, stored under `DATA_DIR/media`. */
@Injectable()
export class MediaService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get directory(): string {
    return join(this.config.database.dataDir, 'media');
  }

  /**
   * A media of a producer (photos, logo) or a brand (its public page's logo) `user` is a member of; its files are
   * written before its row, and removed if anything fails.
   */
  async upload(user: AuthUser, organizationId: string | undefined, bytes: Buffer | undefined): Promise<Media> {
    if (!organizationId)
      throw AppError.badInput('organizationId', 'Name the organization the picture is for (organizationId).');
    const organization = await this.policy.assertMember(user, organizationId, {
      kinds: [OrganizationKind.PRODUCER, OrganizationKind.BRAND],
    });
    if (!bytes) throw AppError.badInput('file', 'Send the picture in the field "file".');
    const variants = await processImage(bytes);
    return this.store(organization.id, variants, user.id);
  }

  /** Stores re-encoded variants as a new media of `organizationId` (the upload above, and the demo's pictures). */
  async store(
    organizationId: string,
    variants: { width: number; height: number; data: Buffer }[],
    uploadedById?: string,
  ): Promise<Media> {
    const widest = variants.at(-1)!;
    const media = new Media();
    Object.assign(media, {
      organizationId,
      widths: variants.map((variant) => variant.width),
      width: widest.width,
      height: widest.height,
      uploadedById: uploadedById ?? null,
    });
    const folder = join(this.directory, media.id);
    try {
      await mkdir(folder, { recursive: true });
      await Promise.all(variants.map((variant) => writeFile(join(folder, `${variant.width}.webp`), variant.data)));
      const em = this.unitOfWork.em;
      em.persist(media);
      await em.flush();
      return media;
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
  }

  /** The media if `organizationId` uploaded it; NOT_FOUND otherwise (another organization's picture is not there for it). */
  async ownedBy(mediaId: string, organizationId: string, field: string): Promise<Media> {
    const media = isUuid(mediaId) ? await this.unitOfWork.em.findOne(Media, { id: mediaId, organizationId }) : null;
    if (!media) throw new AppError(ErrorCode.NOT_FOUND, 'Media was not found.', { field });
    return media;
  }

  async findByIds(ids: readonly string[]): Promise<Media[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Media, { id: wanted }) : [];
  }

  /** The file of a media's width on disk, if `id` and `file` have the shape of one (nothing else is read). */
  fileOf(id: string, file: string): string | undefined {
    return isUuid(id) && /^\d{2,4}\.webp$/.test(file) ? join(this.directory, id.toLowerCase(), file) : undefined;
  }
}
