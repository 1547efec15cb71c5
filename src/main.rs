fn main() {
    println!("gwr");
}
