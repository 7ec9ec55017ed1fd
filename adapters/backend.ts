import * as auth from '../api/auth.js';
import type { BackendImplementations } from './provide.js';

/** The machines' backend calls, implemented with the BIMUZ client for the person of the update. */
export const backendImplementations: BackendImplementations = {
  login: ({ email, password }, scope) => auth.login(scope.api, email, password, scope.now),
  fetchProfile: (_, scope) => auth.profile(scope.api, scope.now),
  logout: (_, scope) => auth.logout(scope.api),
};
