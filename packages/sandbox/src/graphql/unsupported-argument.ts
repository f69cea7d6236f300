import { isObjectType, isInterfaceType } from "graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { FieldArgs } from "./resolver-types.js";

/**
 * Fails loudly when a query passes an argument the sandbox does not model, so
 * a query that relies on it cannot silently get unfiltered data. An argument
 * left at the schema's default (e.g. `orderBy` defaulting to creation order)
 * is what the sandbox does anyway, and passes.
 */
export function rejectUnsupportedArguments(params: {
  args: FieldArgs;
  names: readonly string[];
  info: GraphQLResolveInfo;
  /** The input object the names live in (`input`), when they are not top-level arguments. */
  within?: string;
}): void {
  const { args, info, within } = params;
  const parent = info.parentType;
  const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[info.fieldName] : undefined;
  for (const name of params.names) {
    const value = args[name];
    if (value === undefined || value === null) {
      continue;
    }
    const defaultValue = within === undefined ? field?.args.find((arg) => arg.name === name)?.defaultValue : undefined;
    if (defaultValue !== undefined && JSON.stringify(defaultValue) === JSON.stringify(value)) {
      continue;
    }
    const shown = within === undefined ? name : `${within}.${name}`;
    throw new Error(`sandbox: argument ${parent.name}.${info.fieldName}(${shown}:) is not implemented`);
  }
}
