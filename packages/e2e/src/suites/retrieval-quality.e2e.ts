import { describeSuite } from '../testing/describe-suite.js';
import { retrievalQuality } from './retrieval-quality.js';

describeSuite(retrievalQuality);
