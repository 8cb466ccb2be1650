import { actionOperationApi } from '../../server/flow-operations/action-operation-api.js';

export default actionOperationApi('tag');
