/** Every area's labels, one file per area so that each screen owns its words. */
import { mergeAreas } from '../translate';
import { commonMessages } from './common';
import { wizardMessages } from './wizard';
import { actionsMessages } from './actions';
import { testingMessages } from './testing';
import { moduleMessages } from './module';

export const MESSAGES = mergeAreas([commonMessages, wizardMessages, actionsMessages, testingMessages, moduleMessages]);
