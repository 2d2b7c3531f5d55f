import { registerAppUnderTest } from '@sow/testing';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/configure-app';

// TestApp (libs/testing) boots the api it is given here: a library never imports an app.
registerAppUnderTest({ module: (config) => AppModule.register(config), configure: configureApp });
