import { actionOperationApp } from '../../shared/operation-app.js';

export default actionOperationApp('tag');
