import { Module } from '@nestjs/common';
import { RefreshTokenService } from '../auth/refresh-token.service';
import { IdentityModule } from '../identity.module';
import { AdminSupportService } from './admin-support.service';
import { AdminResolver, AuditEntryResolver, UserAdminFlagResolver } from './admin.resolver';

/** Support's API edges (platform admins only): accounts, organizations, failed jobs and the audit log. */
@Module({
  imports: [IdentityModule],
  providers: [RefreshTokenService, AdminSupportService, AdminResolver, AuditEntryResolver, UserAdminFlagResolver],
})
export class AdminApiModule {}
