import { login } from '../../api/auth.js';
import { BimuzApi, type UserApi } from '../../api/client.js';
import { MemoryStore } from '../../storage/memory.js';
import type { BackendSimulator } from './backend-simulator.js';

/**
 * The bot's backend client, logged in as the seeded employee of a role (`<role>@bimuz.local`),
 * against the in-process simulator; the simulator's request log starts empty after the login.
 */
export async function clientLoggedInAs(sim: BackendSimulator, role: string): Promise<UserApi> {
  const api = new BimuzApi({ baseUrl: 'http://backend.test', timeoutMs: 3000, sessions: new MemoryStore(), fetch: sim.fetch }).as(1, null);
  const email = `${role}@bimuz.local`;
  await login(api, email, sim.passwordOf(email), Date.now());
  sim.resetLog();
  return api;
}
