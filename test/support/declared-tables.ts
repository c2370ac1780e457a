import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Table name → column name → whether the column may be read as null. */
export type TableShapes = Map<string, Map<string, boolean>>;

const SCHEMA_FILE = fileURLToPath(new URL('../../src/platform/db/schema.ts', import.meta.url));

/**
 * The tables as the code declares them: the `Database` interface of src/platform/db/schema.ts, read
 * with the TypeScript compiler so the hand-written types themselves are what gets compared with the
 * migrated database — there is no second description to keep in step.
 */
export function declaredTables(): TableShapes {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  const module = source && checker.getSymbolAtLocation(source);
  const database = module && checker.getExportsOfModule(module).find((symbol) => symbol.name === 'Database');
  if (!source || !database) throw new Error(`No exported Database interface in ${SCHEMA_FILE}`);

  const typeOf = (symbol: ts.Symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);
  const tables: TableShapes = new Map();
  for (const table of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(database))) {
    const columns = new Map<string, boolean>();
    for (const column of checker.getPropertiesOfType(typeOf(table))) columns.set(column.name, readsAsNull(typeOf(column), typeOf));
    tables.set(table.name, columns);
  }
  return tables;
}

function readsAsNull(type: ts.Type, typeOf: (symbol: ts.Symbol) => ts.Type): boolean {
  // Kysely's ColumnType<Select, Insert, Update> and Generated<T> keep the type read in `__select__`.
  const selected = type.getProperty('__select__');
  const read = selected ? typeOf(selected) : type;
  const members = read.isUnion() ? read.types : [read];
  return members.some((member) => (member.flags & ts.TypeFlags.Null) !== 0);
}
