import { describeSuite } from '../testing/describe-suite.js';
import { completeWorkflow } from './complete-workflow.js';

describeSuite(completeWorkflow);
