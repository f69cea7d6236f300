/** The name of Factory's check run on agent pull requests. */
export const FACTORY_CHECK = "Factory";
