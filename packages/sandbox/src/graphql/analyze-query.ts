import { GraphQLError, getArgumentValues, getNamedType, isCompositeType, isInterfaceType, isObjectType } from "graphql";
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from "graphql";
import type { GraphqlResponseError } from "./graphql-response.js";

/** GitHub's page size limit for `first` and `last`. */
const MAX_PAGE_SIZE = 100;
/** GitHub's limit on the nodes one query may return. */
const MAX_NODES = 500_000;

/** What GitHub works out about a query before running it. */
export interface QueryAnalysis {
  /** Rate-limit points (queries; the caller decides for mutations). */
  cost: number;
  /** The most nodes the query can return. */
  nodeCount: number;
  /** Pagination and node-limit violations; the query must not run when any. */
  errors: GraphqlResponseError[];
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  requests: number;
  nodes: number;
  errors: GraphqlResponseError[];
}

/**
 * Computes a query's cost the way GitHub documents it, and enforces its
 * pagination rules, without running it.
 *
 * Each connection takes one request per parent node that may hold it: a
 * connection inside `issues(first: 50)` costs 50 requests. The requests are
 * summed, divided by 100 and rounded, with a minimum of 1. The nodes a query
 * may return are the products of the page sizes along each path. Every
 * connection whose nodes or edges are selected needs `first` or `last`, and
 * neither may exceed 100.
 * https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
 */
export function analyzeQuery(params: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}): QueryAnalysis {
  const { schema, document, operation, variables } = params;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === "FragmentDefinition") {
      fragments.set(definition.name.value, definition);
    }
  }
  const root = schema.getRootType(operation.operation);
  const walk: Walk = { schema, fragments, variables, requests: 0, nodes: 0, errors: [] };
  if (root) {
    visit({ walk, selectionSet: operation.selectionSet, parentType: root, multiplier: 1, path: [] });
  }
  if (walk.nodes > MAX_NODES && walk.errors.length === 0) {
    walk.errors.push({
      type: "MAX_NODE_LIMIT_EXCEEDED",
      message: `This query requests up to ${walk.nodes.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString("en-US")}.`,
    });
  }
  return { cost: Math.max(1, Math.round(walk.requests / 100)), nodeCount: walk.nodes, errors: walk.errors };
}

function visit(params: {
  walk: Walk;
  selectionSet: SelectionSetNode;
  parentType: GraphQLCompositeType;
  multiplier: number;
  path: string[];
}): void {
  const { walk, selectionSet, parentType, multiplier, path } = params;
  for (const selection of selectionSet.selections) {
    if (selection.kind === "Field") {
      visitField({ walk, node: selection, parentType, multiplier, path });
      continue;
    }
    const typeName =
      selection.kind === "InlineFragment"
        ? selection.typeCondition?.name.value
        : walk.fragments.get(selection.name.value)?.typeCondition.name.value;
    const fragmentType = typeName === undefined ? parentType : walk.schema.getType(typeName);
    const fragmentSelection =
      selection.kind === "InlineFragment" ? selection.selectionSet : walk.fragments.get(selection.name.value)?.selectionSet;
    if (fragmentSelection !== undefined && fragmentType !== undefined && isCompositeType(fragmentType)) {
      visit({ walk, selectionSet: fragmentSelection, parentType: fragmentType, multiplier, path });
    }
  }
}

function visitField(params: {
  walk: Walk;
  node: FieldNode;
  parentType: GraphQLCompositeType;
  multiplier: number;
  path: string[];
}): void {
  const { walk, node, parentType, multiplier } = params;
  if (!isObjectType(parentType) && !isInterfaceType(parentType)) {
    return;
  }
  const field = parentType.getFields()[node.name.value];
  if (field === undefined) {
    return;
  }
  const path = [...params.path, node.alias?.value ?? node.name.value];
  const type = getNamedType(field.type);
  let childMultiplier = multiplier;
  if (isConnection(field, type)) {
    const size = pageSize({ walk, node, field, path });
    walk.requests += multiplier;
    childMultiplier = multiplier * size;
    walk.nodes += childMultiplier;
  }
  if (node.selectionSet !== undefined && isCompositeType(type)) {
    visit({ walk, selectionSet: node.selectionSet, parentType: type, multiplier: childMultiplier, path });
  }
}

function isConnection(field: GraphQLField<unknown, unknown>, type: GraphQLNamedType): boolean {
  return isObjectType(type) && "pageInfo" in type.getFields() && field.args.some((arg) => arg.name === "first");
}

/** The page size a connection asks for, recording GitHub's errors for bad or missing sizes. */
function pageSize(params: { walk: Walk; node: FieldNode; field: GraphQLField<unknown, unknown>; path: string[] }): number {
  const { walk, node, field, path } = params;
  const args = getArgumentValues(field, node, walk.variables);
  const name = node.name.value;
  const located = (type: string, message: string): GraphqlResponseError => {
    const error = new GraphQLError(message, { nodes: node, path });
    return { type, message, path, locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })) };
  };
  for (const argument of ["first", "last"] as const) {
    const value = args[argument];
    if (typeof value !== "number") {
      continue;
    }
    if (value > MAX_PAGE_SIZE) {
      walk.errors.push(
        located(
          "EXCESSIVE_PAGINATION",
          `Requesting ${value} records on the \`${name}\` connection exceeds the \`${argument}\` limit of ${MAX_PAGE_SIZE} records.`,
        ),
      );
    } else if (value < 0) {
      walk.errors.push(
        located("INVALID_CURSOR_ARGUMENTS", `\`${argument}\` on the \`${name}\` connection cannot be less than zero.`),
      );
    }
  }
  const first = typeof args.first === "number" ? args.first : undefined;
  const last = typeof args.last === "number" ? args.last : undefined;
  if (first === undefined && last === undefined) {
    if (selectsItems(node, walk.fragments)) {
      walk.errors.push(
        located(
          "MISSING_PAGINATION_BOUNDARIES",
          `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
        ),
      );
    }
    return 1;
  }
  return Math.max(0, Math.min(first ?? last ?? 0, MAX_PAGE_SIZE));
}

/** Whether a connection field selects `nodes` or `edges` (not just `totalCount`), fragments included. */
function selectsItems(node: { selectionSet?: SelectionSetNode }, fragments: Map<string, FragmentDefinitionNode>): boolean {
  return (node.selectionSet?.selections ?? []).some((selection) => {
    if (selection.kind === "Field") {
      return selection.name.value === "nodes" || selection.name.value === "edges";
    }
    const fragment = selection.kind === "InlineFragment" ? selection : fragments.get(selection.name.value);
    return fragment !== undefined && selectsItems(fragment, fragments);
  });
}
