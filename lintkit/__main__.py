from .cli import run_and_exit

if __name__ == "__main__":  # not when a spawned worker process of the server imports it
    run_and_exit()
