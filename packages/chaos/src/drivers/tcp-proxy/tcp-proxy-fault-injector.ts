import { randomUUID } from 'node:crypto';
import { SERVICE_DISPLAY_NAMES, isRagValidateError, type ServiceName } from '@rag-validate/config';
import { FaultTargetNotFoundError, UnsupportedFaultError } from '../../errors.js';
import type { FaultInjector, InjectOptions } from '../../faults/fault-injector.js';
import { describeFault, isProxyFault, proxyFaultToxics, type FaultKind, type FaultSpec } from '../../faults/fault-spec.js';
import { injectWithJournal, type StartedFault } from '../../faults/started-fault.js';
import type { ChaosJournal } from '../../journal/chaos-journal.js';
import type { ProxyUndoRecipe, UndoOutcome } from '../../journal/undo-recipe.js';
import { ProxyControlClient } from './proxy-control-client.js';

/**
 * Network faults through fault proxies: one proxy per service, on the path its clients use
 * (rag-server → dependency, or validator → rag-server). Each fault adds toxics (removed on
 * rollback) or takes the proxy down (brought up on rollback).
 */
export class TcpProxyFaultInjector implements FaultInjector {
  readonly driver = 'tcp-proxy' as const;
  readonly #links: Partial<Record<ServiceName, ProxyControlClient>>;
  readonly #journal: ChaosJournal;

  /** `links` maps a service to the control URL of the proxy in front of it. */
  constructor(options: { links: Partial<Record<ServiceName, string>>; journal: ChaosJournal }) {
    this.#links = Object.fromEntries(Object.entries(options.links).map(([service, url]) => [service, new ProxyControlClient(url)]));
    this.#journal = options.journal;
  }

  supports(kind: FaultKind): boolean {
    return isProxyFault({ kind, service: 'rag' } as FaultSpec);
  }

  check(fault: FaultSpec): void {
    this.#link(fault);
  }

  async plan(fault: FaultSpec): Promise<string> {
    const control = this.#link(fault);
    const state = await control.state();
    return `tcp-proxy: ${describeFault(fault)} — proxy ${state.listen.host}:${state.listen.port} → ${state.upstream.host}:${state.upstream.port}`;
  }

  async inject(fault: FaultSpec, options: InjectOptions = {}): Promise<StartedFault> {
    const control = this.#link(fault);
    if (!isProxyFault(fault)) throw new UnsupportedFaultError('tcp-proxy', fault.kind, 'use the process or docker driver');
    await control.state(); // fails fast (typed) when the proxy is not there
    const common = { journal: this.#journal, spec: fault, driver: this.driver, experiment: options.experiment } as const;
    if (fault.kind === 'down') {
      const recipe: ProxyUndoRecipe = { driver: 'tcp-proxy', service: fault.service, controlUrl: control.url, toxicIds: [], up: true };
      return injectWithJournal({ ...common, recipe, apply: () => control.setDown(true), undo: () => undoProxyRecipe(recipe) });
    }
    const toxics = proxyFaultToxics(fault).map((toxic) => ({ id: `rv-${randomUUID()}`, toxic }));
    const recipe: ProxyUndoRecipe = { driver: 'tcp-proxy', service: fault.service, controlUrl: control.url, toxicIds: toxics.map((t) => t.id), up: false };
    return injectWithJournal({
      ...common,
      recipe,
      apply: async () => {
        for (const { id, toxic } of toxics) await control.putToxic(id, toxic);
      },
      undo: () => undoProxyRecipe(recipe),
    });
  }

  #link(fault: FaultSpec): ProxyControlClient {
    if (!this.supports(fault.kind)) throw new UnsupportedFaultError('tcp-proxy', fault.kind, 'use the process driver (or docker) for stop, crash, freeze and restart');
    const link = this.#links[fault.service];
    if (link === undefined) {
      throw new FaultTargetNotFoundError('tcp-proxy', fault.service, `no fault proxy in front of ${SERVICE_DISPLAY_NAMES[fault.service]}: run the embedded stack, or configure chaos.proxies.${fault.service}`);
    }
    return link;
  }
}

/** Undoes a proxy fault from its journal recipe alone. A proxy that is gone has no fault in place. */
export async function undoProxyRecipe(recipe: ProxyUndoRecipe): Promise<UndoOutcome> {
  const control = new ProxyControlClient(recipe.controlUrl);
  try {
    await control.state();
  } catch (error) {
    if (isRagValidateError(error) && error.code === 'RV_ERR_CONNECTION') {
      return { status: 'nothing-to-do', detail: `the fault proxy at ${recipe.controlUrl} is gone (nothing forwards through it)` };
    }
    throw error;
  }
  let removed = 0;
  for (const id of recipe.toxicIds) if (await control.deleteToxic(id)) removed += 1;
  if (recipe.up) await control.setDown(false);
  const did = [removed > 0 ? `removed ${removed} toxic${removed === 1 ? '' : 's'}` : '', recipe.up ? 'proxy accepts connections again' : ''].filter(Boolean).join(', ');
  return did === '' ? { status: 'nothing-to-do', detail: 'the toxics were already gone' } : { status: 'undone', detail: `${recipe.service} proxy: ${did}` };
}
