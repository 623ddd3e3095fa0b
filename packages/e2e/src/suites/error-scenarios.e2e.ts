import { describeSuite } from '../testing/describe-suite.js';
import { errorScenarios } from './error-scenarios.js';

describeSuite(errorScenarios);
