/** Condition evaluation with traces: Directus filters evaluated in memory, validated, and read. */
export type { ConditionTrace, Evaluation, FilterContext, GroupTrace, LeafTrace } from './trace.js';
export { compileFilter, type CompiledFilter } from './compile-filter.js';
export { compiledFilter, evaluateFilter, filterMatches } from './evaluate-filter.js';
export { filterFields } from './filter-fields.js';
export { validateFilter } from './validate-filter.js';
export { OPERATORS, getOperator, type FilterOperator, type OperatorValueKind } from './operators.js';
export { resolveDynamicValue, dynamicValueResolver, isUnresolvedIdentity, dynamicValueError, adjustDate, parseNowAdjustment, NOW_UNITS, type NowUnit } from './dynamic-values.js';
export { compareValues, looseEquals } from './coerce.js';
