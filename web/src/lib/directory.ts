import { listDesks, listTypologies } from '../api/endpoints';
import type { Typology } from '../api/types';
import { Store } from './store';

/** Names the API lists give only as ids (desks, typologies), loaded once per session. */
export interface Directory {
  desks: ReadonlyMap<string, string>;
  typologies: ReadonlyMap<string, Typology>;
}

export const directory = new Store<Directory>({ desks: new Map(), typologies: new Map() });
let loading: Promise<void> | null = null;

/** Best effort: a missing list only leaves names out, it never blocks the page. */
export function loadDirectory(): Promise<void> {
  loading ??= Promise.all([listDesks().catch(() => []), listTypologies().catch(() => [])]).then(([desks, typologies]) => {
    directory.set({
      desks: new Map(desks.map((desk) => [desk.id, desk.name])),
      typologies: new Map(typologies.map((typology) => [typology.id, typology])),
    });
  });
  return loading;
}

export function forgetDirectory(): void {
  loading = null;
  directory.set({ desks: new Map(), typologies: new Map() });
}

export function typologyLabel(dir: Directory, id: string): string | null {
  const typology = dir.typologies.get(id);
  return typology ? `${typology.type} / ${typology.subtype}` : null;
}

export function deskName(dir: Directory, id: string): string {
  return dir.desks.get(id) ?? '—';
}
