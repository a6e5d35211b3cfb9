// Why a browser could not be had: errors of the machine, not of the input (exit code 3). They
// live here, apart from the drivers, so the command can tell them without loading a driver
// (and the package a driver needs, which may be the very thing missing).

export class ChromiumNotFoundError extends Error {}
/** A Chromium was found but did not start (not executable, a missing library, a crash). */
export class ChromiumLaunchError extends Error {}

export class FirefoxNotFoundError extends Error {}
/** A Firefox was found but did not start. */
export class FirefoxLaunchError extends Error {}

/** The package a browser's driver needs cannot be loaded (not installed, say). */
export class DriverPackageError extends Error {}

/**
 * Loads a browser's driver module; when the package it needs cannot be found, a
 * DriverPackageError that names the package and how to install it.
 */
export async function loadDriver<Module>(
  browser: string,
  packageName: string,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code !== 'ERR_MODULE_NOT_FOUND' || !String(message).includes(`'${packageName}'`)) {
      throw error;
    }
    throw new DriverPackageError(
      `${browser} is driven through the package ${packageName}, which cannot be loaded (${String(message)}). Install it:\n  npm install ${packageName}`,
    );
  }
}
