import 'reflect-metadata';
import { DynamicModule, ForwardReference, InjectionToken, Provider, Type } from '@nestjs/common';
import { GLOBAL_MODULE_METADATA, MODULE_METADATA } from '@nestjs/common/constants';

type Import = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** One Nest module as declared: what it imports, declares and exports (static metadata merged with its dynamic form). */
export interface ModuleNode {
  module: Type;
  name: string;
  global: boolean;
  imports: Type[];
  controllers: Type[];
  providers: Provider[];
  exports: Array<InjectionToken | Provider | DynamicModule | ForwardReference>;
}

const isDynamic = (value: Import): value is DynamicModule => typeof value === 'object' && value !== null && 'module' in value;
const isForwardRef = (value: Import): value is ForwardReference => typeof value === 'object' && value !== null && 'forwardRef' in value;

function resolve(value: Import): { module: Type; dynamic: DynamicModule | null } | null {
  if (value instanceof Promise) return null;
  if (isForwardRef(value)) return resolve(value.forwardRef() as Import);
  if (isDynamic(value)) return { module: value.module, dynamic: value };
  return { module: value, dynamic: null };
}

function metadata<T>(key: string, module: Type): T[] {
  return (Reflect.getMetadata(key, module) as T[] | undefined) ?? [];
}

/**
 * The module graph under a root, depth first in import order, each module class once (two dynamic forms
 * of one class, e.g. TypeOrmModule.forRoot and .forFeature, are merged). `descend` stops the walk at a
 * module (it is still listed as an import), e.g. a third-party module's internals.
 */
export function walkModules(root: Type | DynamicModule, descend: (module: Type) => boolean = () => true): ModuleNode[] {
  const nodes = new Map<Type, ModuleNode>();
  const visit = (value: Import): Type | null => {
    const resolved = resolve(value);
    if (!resolved) return null;
    const { module, dynamic } = resolved;
    let node = nodes.get(module);
    if (!node) {
      node = {
        module,
        name: module.name,
        global: Reflect.getMetadata(GLOBAL_MODULE_METADATA, module) === true,
        imports: [],
        controllers: metadata<Type>(MODULE_METADATA.CONTROLLERS, module),
        providers: metadata<Provider>(MODULE_METADATA.PROVIDERS, module),
        exports: metadata(MODULE_METADATA.EXPORTS, module),
      };
      nodes.set(module, node);
      if (!descend(module)) return module;
      for (const child of metadata<Import>(MODULE_METADATA.IMPORTS, module)) addImport(node, child);
    }
    if (dynamic) {
      node.global ||= dynamic.global === true;
      node.controllers = [...node.controllers, ...(dynamic.controllers ?? [])];
      node.providers = [...node.providers, ...(dynamic.providers ?? [])];
      node.exports = [...node.exports, ...(dynamic.exports ?? [])];
      if (descend(module)) for (const child of dynamic.imports ?? []) addImport(node, child);
    }
    return module;
  };
  const addImport = (node: ModuleNode, child: Import): void => {
    const imported = visit(child);
    if (imported && !node.imports.includes(imported)) node.imports.push(imported);
  };
  visit(root);
  return [...nodes.values()];
}

/** Every controller the root's module graph registers. */
export function controllersOf(root: Type | DynamicModule): Type[] {
  return walkModules(root).flatMap((node) => node.controllers);
}

/** A provider's or export's name as the graph prints it. */
export function tokenName(token: unknown): string {
  if (typeof token === 'function') return token.name;
  if (typeof token === 'symbol') return token.toString();
  if (typeof token === 'object' && token !== null) {
    if ('provide' in token) return tokenName(token.provide);
    if ('module' in token) return tokenName(token.module);
    if ('forwardRef' in token) return 'forwardRef';
  }
  return String(token);
}
