import { describeSuite } from '../testing/describe-suite.js';
import { serviceIntegration } from './service-integration.js';

describeSuite(serviceIntegration);
