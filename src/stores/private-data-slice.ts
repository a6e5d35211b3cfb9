import type { StateCreator } from 'zustand';

/**
 * What only the user can tell: whether the actual response carries private data. The security
 * warnings and the fix advice both depend on it (`*` is no fix for private data).
 */
export interface PrivateDataSlice {
  privateData: boolean;
  setPrivateData: (privateData: boolean) => void;
}

export const createPrivateDataSlice: StateCreator<PrivateDataSlice, [], [], PrivateDataSlice> = (
  set,
) => ({
  privateData: false,
  setPrivateData: (privateData) => set({ privateData }),
});
