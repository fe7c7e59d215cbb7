import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Clock } from '@pix-ledger/event-store';
import type { AppConfig } from '../config';
import { APP_CONFIG, CLOCK } from '../infrastructure/event-store.module';
import { PupilErasures } from './erasure/pupil-erasure.service';
import { PupilsController } from './erasure/pupils.controller';
import { keyStorePath } from './keys/key-store-path';
import { PupilKeyStore } from './keys/pupil-key-store';
import { PersonalDataVault } from './sealing/personal-data-vault';

/** Personal data sealed per pupil, with the keys outside the log; erasure by destroying a key. */
@Global()
@Module({
  controllers: [PupilsController],
  providers: [
    {
      provide: PupilKeyStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new PupilKeyStore(keyStorePath(config.dataDir)),
    },
    {
      provide: PersonalDataVault,
      inject: [PupilKeyStore, CLOCK],
      useFactory: (keys: PupilKeyStore, clock: Clock) =>
        new PersonalDataVault(keys, () => clock.now()),
    },
    PupilErasures,
  ],
  exports: [PupilKeyStore, PersonalDataVault],
})
export class PrivacyModule implements OnApplicationShutdown {
  constructor(@Inject(PupilKeyStore) private readonly keys: PupilKeyStore) {}

  onApplicationShutdown(): void {
    this.keys.close();
  }
}
