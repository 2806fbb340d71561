// Prisma migrations without Prisma's downloaded engines: the same schema engine in WASM reads
// prisma/migrations/, applies what is pending (recorded in _prisma_migrations, as
// `prisma migrate deploy` does) and diffs the schema against the migrations for new ones.
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as wasmBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PGlite } from "@electric-sql/pglite";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";

const root = /* turbopackIgnore: true */ process.cwd();
export const MIGRATIONS_DIR = path.join(root, "prisma", "migrations");
export const SCHEMA_PATH = path.join(root, "prisma", "schema.prisma");
const filters = { externalTables: [], externalEnums: [] };

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

let wasmReady: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> } }> | null = null;

async function loadWasm() {
  wasmReady ??= (async () => {
    const require = createRequire(path.join(root, "package.json"));
    const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const bg = wasmBindings as unknown as {
      __wbg_set_wasm(e: unknown): void;
      SchemaEngine: { new: (...args: unknown[]) => Promise<Engine> };
    };
    const bytes = await readFile(path.join(dir, "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": wasmBindings as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
    return bg;
  })();
  return wasmReady;
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  fn: (e: Engine) => Promise<T>,
): Promise<T> {
  const bg = await loadWasm();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const log = () => {};
  const engine = await bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    log,
    bindMigrationAwareSqlAdapterFactory(factory),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

export async function loadMigrationsList(dir = MIGRATIONS_DIR) {
  const names = (await readdir(/* turbopackIgnore: true */ dir, { withFileTypes: true }).catch(() => []))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  const lockPath = path.join(dir, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Applies every pending migration; returns the names applied. */
export async function applyMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const migrationsList = await loadMigrationsList();
  const out = await withEngine(factory, (e) => e.applyMigrations({ migrationsList, filters }));
  return out.appliedMigrationNames;
}

/** SQL that would bring the migrations up to the schema; empty when they agree. */
export async function diffSchemaAgainstMigrations(): Promise<string> {
  const shadow = await PGlite.create();
  try {
    const factory = new PrismaPGlite(shadow) as unknown as SqlMigrationAwareDriverAdapterFactory;
    const migrationsList = await loadMigrationsList();
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const out = await withEngine(factory, (e) =>
      e.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: true,
        filters,
      }),
    );
    return out.exitCode === 2 ? (out.stdout ?? "") : "";
  } finally {
    await shadow.close();
  }
}

/** Writes the next migration folder (timestamp_name) from the schema; null when nothing changed. */
export async function createMigration(name: string): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name))
    throw new Error(`Migration name "${name}" must be lower-case letters, digits and underscores.`);
  const sql = await diffSchemaAgainstMigrations();
  if (!sql.trim()) return null;
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  await readFile(lock).catch(() =>
    writeFile(
      lock,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    ),
  );
  return folder;
}
