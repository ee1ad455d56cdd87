// Test helpers: a fresh mock backend behind the real IPC path (bindings →
// @tauri-apps/api invoke → mockIPC), so tests exercise the same adapter the app uses.
import { clearMocks } from "@tauri-apps/api/mocks";
import seed from "../../tests/fixtures/seed-000.json";
import { api } from "../ipc/api";
import { installMockIPC, MockBackend, type Fixture, type MockOptions } from "../ipc/mock";

export const SEED = seed as unknown as Fixture;

export function withBackend(fixtures: Fixture[] = [SEED], opts: MockOptions = { reviewer: "测试员" }) {
  clearMocks();
  const backend = new MockBackend(structuredClone(fixtures), opts);
  installMockIPC(backend);
  return { backend, api };
}

/** Lets queued promises and Preact's microtask renders run. */
export const flush = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};
